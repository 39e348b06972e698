namespace Ferry.Engines.Libsql;

/// <summary>
/// Transactions that take one HTTP round trip, built from batch conditions: over HTTP every extra
/// round trip is latency, and an interactive transaction risks the stream's 10-second idle expiry.
/// </summary>
internal static class HranaTransactions
{
    /// <summary>
    /// <c>BEGIN</c>, each statement only if the one before succeeded, <c>COMMIT</c> only if all did, and
    /// <c>ROLLBACK</c> if anything failed (the commit included): all the statements, or none. Statement <c>i</c> is
    /// step <c>i + 1</c>. With <paramref name="foreignKeysOff"/>, <c>PRAGMA foreign_keys = OFF</c> goes before BEGIN
    /// (inside a transaction it is a no-op) and ON again after COMMIT or ROLLBACK, whichever ran: a SQLite table
    /// rebuild then drops its old table without cascading into child tables. Statement <c>i</c> is then step <c>i + 2</c>.
    /// </summary>
    public static HranaBatch Atomic(IReadOnlyList<HranaStatement> statements, bool foreignKeysOff)
    {
        var steps = new List<HranaBatchStep>();
        if (foreignKeysOff) steps.Add(new HranaBatchStep(new HranaStatement("PRAGMA foreign_keys = OFF", WantRows: false)));
        steps.Add(new HranaBatchStep(new HranaStatement("BEGIN", WantRows: false), foreignKeysOff ? new HranaCondition.Ok(0) : null));
        foreach (var statement in statements) steps.Add(new HranaBatchStep(statement, new HranaCondition.Ok(steps.Count - 1)));
        var commit = steps.Count;
        steps.Add(new HranaBatchStep(new HranaStatement("COMMIT", WantRows: false), new HranaCondition.Ok(commit - 1)));
        steps.Add(new HranaBatchStep(new HranaStatement("ROLLBACK", WantRows: false), new HranaCondition.Not(new HranaCondition.Ok(commit))));
        if (foreignKeysOff) steps.Add(new HranaBatchStep(new HranaStatement("PRAGMA foreign_keys = ON", WantRows: false)));
        return new HranaBatch(steps);
    }

    /// <summary>
    /// Statements that manage their own transactions (a script with BEGIN/COMMIT of its own): each runs
    /// only if the one before succeeded; if one fails inside a transaction it opened, a final ROLLBACK
    /// (run only when not in autocommit, a Hrana 3 condition) leaves nothing half-done.
    /// Statement <c>i</c> is step <c>i</c>.
    /// </summary>
    public static HranaBatch Sequential(IReadOnlyList<HranaStatement> statements, bool canTestAutocommit)
    {
        var steps = new List<HranaBatchStep>();
        foreach (var statement in statements)
            steps.Add(new HranaBatchStep(statement, steps.Count == 0 ? null : new HranaCondition.Ok(steps.Count - 1)));
        HranaCondition failed = new HranaCondition.Not(new HranaCondition.Ok(steps.Count - 1));
        if (canTestAutocommit) failed = new HranaCondition.And([failed, new HranaCondition.Not(new HranaCondition.IsAutocommit())]);
        steps.Add(new HranaBatchStep(new HranaStatement("ROLLBACK", WantRows: false), failed));
        return new HranaBatch(steps);
    }

    /// <summary>
    /// The statement inside a plain <c>BEGIN</c>, then ROLLBACK whatever happened: whether the server lets it write is
    /// learned, and nothing of it is kept. Statement is step 1.
    /// </summary>
    public static HranaBatch RolledBack(HranaStatement statement) => new([
        new HranaBatchStep(new HranaStatement("BEGIN", WantRows: false)),
        new HranaBatchStep(statement, new HranaCondition.Ok(0)),
        new HranaBatchStep(new HranaStatement("ROLLBACK", WantRows: false)),
    ]);

    /// <summary>The step of <see cref="ReadOnly"/>'s batch that holds the query.</summary>
    public const int ReadOnlyQueryStep = 1;

    /// <summary>
    /// The query inside <c>BEGIN TRANSACTION READONLY</c> (libSQL's read transaction, as libsql-client
    /// sends it) that always ends in ROLLBACK: whatever the statement does, nothing of it is committed.
    /// </summary>
    public static HranaBatch ReadOnly(HranaStatement query) => new([
        new HranaBatchStep(new HranaStatement("BEGIN TRANSACTION READONLY", WantRows: false)),
        new HranaBatchStep(query, new HranaCondition.Ok(0)),
        new HranaBatchStep(new HranaStatement("ROLLBACK", WantRows: false), new HranaCondition.Ok(0)),
    ]);
}

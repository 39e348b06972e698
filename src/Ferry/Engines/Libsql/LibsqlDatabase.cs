using System.Diagnostics;
using System.Runtime.CompilerServices;
using Ferry.Connections;
using Ferry.Engines.Sqlite;
using Ferry.Errors;
using Ferry.Schema;

namespace Ferry.Engines.Libsql;

/// <summary>
/// A libSQL database reached over HTTP. Every call is one short-lived Hrana stream, opened and closed
/// in as few round trips as the protocol allows, so nothing depends on a stream surviving sqld's
/// 10-second idle expiry; the price is that no session state (PRAGMAs, temp tables) lasts between calls.
/// </summary>
internal sealed class LibsqlDatabase(ConnectionTarget target, OpenOptions options, HranaClient client) : IDatabase, IOneStatement, IWriteProbe
{
    public ConnectionTarget Target => target;

    public AccessMode Access => options.Access;

    public ISqlDialect Dialect => AnsiDialect.Instance;

    private bool ReadOnly => options.Access == AccessMode.ReadOnly;

    public async Task<ServerInfo> PingAsync(CancellationToken cancellationToken)
    {
        var server = client.ServerVersionAsync(cancellationToken);
        var rows = await QueryAsync("SELECT sqlite_version()", cancellationToken).ConfigureAwait(false);
        // Timed on a second query, once a connection is open: the figure is the server's, not TCP set-up.
        var clock = Stopwatch.StartNew();
        await QueryAsync("SELECT 1", cancellationToken).ConfigureAwait(false);
        var roundTrip = clock.Elapsed;
        var name = await server.ConfigureAwait(false) ?? "libSQL";
        return new ServerInfo(EngineKind.Libsql, $"{name}, SQLite {rows[0][0]}", roundTrip, target.Redacted);
    }

    // libSQL is SQLite underneath: the same catalog, read through the same queries, over HTTP.
    public Task<DatabaseSchema> ReadSchemaAsync(CancellationToken cancellationToken) =>
        new SqliteSchemaReader(this, EngineKind.Libsql).ReadAsync(cancellationToken);

    public Task<DatabaseSchema> ReadSchemaWithoutSizesAsync(CancellationToken cancellationToken) =>
        new SqliteSchemaReader(this, EngineKind.Libsql, sizes: false).ReadAsync(cancellationToken);

    public Task<DatabaseSchema> ReadShapeAsync(CancellationToken cancellationToken) =>
        new SqliteSchemaReader(this, EngineKind.Libsql, sizes: false, counts: false).ReadAsync(cancellationToken);

    public async Task<IReadOnlyList<object?[]>> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        try
        {
            return await TransientRetry.RunAsync(ct => QueryOnceAsync(sql, ct), LibsqlErrors.IsTransient, options.RetryFor, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HranaException e) when (e.Code == HranaException.ResponseTooLarge && client.SupportsCursor)
        {
            // Over the server's cap for one response: read it again through a cursor, which has none.
            var rows = new List<object?[]>();
            await foreach (var row in StreamAsync(sql, cancellationToken).ConfigureAwait(false)) rows.Add(row);
            return rows;
        }
        catch (Exception e)
        {
            throw LibsqlErrors.Describe(e, target);
        }
    }

    /// <summary>
    /// The rows of a query as the server sends them, through a Hrana cursor: for results of any size
    /// (a pipeline response stops at 10 MB), in constant memory.
    /// </summary>
    /// <param name="columns">Told the statement's columns before its first row.</param>
    public async IAsyncEnumerable<object?[]> StreamAsync(string sql, [EnumeratorCancellation] CancellationToken cancellationToken, Action<IReadOnlyList<HranaColumn>>? columns = null)
    {
        var lease = await LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            var stream = lease.Stream;
            // In a snapshot the read is already inside its read-only transaction, which ends in ROLLBACK.
            var ownTransaction = ReadOnly && !lease.InSnapshot;
            HranaCursor cursor;
            try
            {
                if (ReadOnly)
                {
                    // Ask first, on the same stream, so a write is refused before it ever runs.
                    var describe = (await stream.PipelineAsync([new HranaRequest.Describe(sql)], cancellationToken).ConfigureAwait(false))[0];
                    RefuseWrites(describe.Get<HranaDescribeResult>());
                }
                var statement = new HranaStatement(sql);
                try
                {
                    cursor = await stream.OpenCursorAsync(ownTransaction ? HranaTransactions.ReadOnly(statement) : new HranaBatch([new(statement)]), cancellationToken)
                        .ConfigureAwait(false);
                }
                catch (HranaException e) when (ownTransaction && e.Status == System.Net.HttpStatusCode.InternalServerError)
                {
                    throw await PipelineVerdictAsync(statement, e, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e)
            {
                throw LibsqlErrors.Describe(e, target);
            }
            await using (cursor.ConfigureAwait(false))
            {
                var rows = cursor.ReadRowsAsync(ownTransaction ? HranaTransactions.ReadOnlyQueryStep : 0, cancellationToken, columns).GetAsyncEnumerator(cancellationToken);
                await using (rows.ConfigureAwait(false))
                {
                    while (true)
                    {
                        // C# allows no yield inside a try with a catch: step the enumerator inside, yield outside.
                        try
                        {
                            if (!await rows.MoveNextAsync().ConfigureAwait(false)) break;
                        }
                        catch (Exception e)
                        {
                            throw LibsqlErrors.Describe(e, target);
                        }
                        yield return rows.Current;
                    }
                }
            }
        }
    }

    /// <summary>
    /// The statement through <see cref="StreamAsync"/>: read-only, libSQL's describe refuses a statement that writes before
    /// it runs, and it runs in a transaction that always ends in ROLLBACK; Hrana's execute takes one statement and
    /// refuses a text holding more (SQL_MANY_STATEMENTS). sqld has no statement timeout: at the timeout Ferry stops
    /// reading and closes the stream.
    /// </summary>
    public async Task<StatementRows> RunOneAsync(string sql, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var timer = timeout is { } limit ? new CancellationTokenSource(limit) : new CancellationTokenSource();
        var reading = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        IReadOnlyList<string> names = [];
        var rows = StreamAsync(sql, reading.Token, c => names = c.Select((column, i) => column.Name ?? $"column{i + 1}").ToArray()).GetAsyncEnumerator(reading.Token);
        try
        {
            // The first row (or the end) is awaited here, so a refusal comes before any output, and the columns are known.
            var first = await rows.MoveNextAsync().ConfigureAwait(false);
            return new StatementRows(names, Rest(rows, first), stop: () => { timer.Cancel(); return ValueTask.CompletedTask; }, end: async () =>
            {
                await rows.DisposeAsync().ConfigureAwait(false);
                reading.Dispose();
                timer.Dispose();
            });
        }
        catch
        {
            await rows.DisposeAsync().ConfigureAwait(false);
            reading.Dispose();
            timer.Dispose();
            throw;
        }

        static async IAsyncEnumerable<object?[]> Rest(IAsyncEnumerator<object?[]> rows, bool first)
        {
            if (!first) yield break;
            yield return rows.Current;
            while (await rows.MoveNextAsync().ConfigureAwait(false)) yield return rows.Current;
        }
    }

    public IAsyncEnumerable<object?[]> ReadRowsAsync(Table table, CancellationToken cancellationToken) =>
        ReadRowsAsync(table, RowReadOptions.Default, cancellationToken);

    /// <summary>
    /// Every read goes the exact way, converted or not: a plain SELECT makes sqld drop the whole response
    /// at a text that is not UTF-8, and turns an infinite REAL into null without a word.
    /// </summary>
    public IAsyncEnumerable<object?[]> ReadRowsAsync(Table table, RowReadOptions read, CancellationToken cancellationToken) =>
        StreamAsync(LibsqlVerbatimRows.Select(table, Dialect) + KeyOrder.Clause(table, read, Dialect, c => Sqlite.SqliteRangeHash.Instance.ByBytes(c, Dialect)), cancellationToken)
            .Select(row => LibsqlVerbatimRows.Decode(row, read.TextAsUtf8));

    public Task<long> WriteRowsAsync(Table table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
        LibsqlRows.WriteAsync(this, table, rows, BulkWriteOptions.Default, cancellationToken);

    public Task<long> WriteRowsAsync(Table table, IAsyncEnumerable<object?[]> rows, BulkWriteOptions write, CancellationToken cancellationToken) =>
        LibsqlRows.WriteAsync(this, table, rows, write, cancellationToken);

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        ReadOnlyGuard.RequireWritable(options.Access, target);
        var statements = LibsqlScript.Split(sql).Select(s => new HranaStatement(s, WantRows: false)).ToList();
        if (statements.Count > 0) await ExecuteStatementsAsync(statements, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs statements (with arguments, if they have them) in one round trip: as one transaction, unless
    /// they manage transactions themselves. The first failure is reported with the statement it was in.
    /// </summary>
    public Task ExecuteStatementsAsync(IReadOnlyList<HranaStatement> statements, CancellationToken cancellationToken) =>
        ExecuteStatementsAsync(statements, foreignKeysOff: false, cancellationToken);

    /// <param name="foreignKeysOff">As one transaction with foreign keys off around it (<see cref="HranaTransactions.Atomic(IReadOnlyList{HranaStatement}, bool)"/>).</param>
    public async Task ExecuteStatementsAsync(IReadOnlyList<HranaStatement> statements, bool foreignKeysOff, CancellationToken cancellationToken)
    {
        ReadOnlyGuard.RequireWritable(options.Access, target);
        var ownTransactions = !foreignKeysOff && statements.Any(s => LibsqlScript.IsTransactionControl(s.Sql));
        var sequential = !foreignKeysOff && (statements.Count == 1 || ownTransactions);
        var batch = sequential
            ? HranaTransactions.Sequential(statements, client.SupportsCursor)
            : HranaTransactions.Atomic(statements, foreignKeysOff);
        var offset = sequential ? 0 : foreignKeysOff ? 2 : 1;
        HranaBatchResult result;
        try
        {
            // Resent only when the server cannot have run it: a write must not happen twice.
            result = await TransientRetry.RunAsync(async ct =>
            {
                var stream = client.OpenStream();
                await using (stream.ConfigureAwait(false))
                {
                    var results = await stream.PipelineAsync([new HranaRequest.Batch(batch), new HranaRequest.Close()], ct).ConfigureAwait(false);
                    return results[0].Get<HranaBatchResult>();
                }
            }, LibsqlErrors.IsSafeToResend, options.RetryFor, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw LibsqlErrors.Describe(e, target);
        }

        for (var step = 0; step < result.StepErrors.Count; step++)
        {
            if (result.StepErrors[step] is not { } error) continue;
            var index = step - offset;
            var which = index >= 0 && index < statements.Count
                ? statements.Count == 1
                    ? $"({SqlScript.Excerpt(statements[index].Sql)})"
                    : $"statement {index + 1} of {statements.Count} ({SqlScript.Excerpt(statements[index].Sql)})"
                : $"({batch.Steps[step].Statement.Sql})";
            var rolledBack = offset > 0 ? "; nothing was written" : "";
            var failure = HranaException.From(error, step);
            throw FerryException.WithServer(new FerryException(FerryErrorKind.Failed,
                $"libSQL error on {target.Redacted} in {which}: {SecretMasker.Scrub(error.Message)}{rolledBack}.", failure),
                failure, LibsqlErrorCodes.ServerErrorOf(failure));
        }
    }

    /// <summary>The round trip <see cref="LibsqlEngine"/> opens with: proves the address, the namespace and the token.</summary>
    internal async Task<string> ProbeAsync(CancellationToken ct)
    {
        var stream = client.OpenStream();
        await using (stream.ConfigureAwait(false))
        {
            var results = await stream.PipelineAsync([new HranaRequest.Execute(new HranaStatement("SELECT sqlite_version()")), new HranaRequest.Close()], ct)
                .ConfigureAwait(false);
            return (string)results[0].Get<HranaStatementResult>().Rows[0][0]!;
        }
    }

    private async Task<IReadOnlyList<object?[]>> QueryOnceAsync(string sql, CancellationToken ct)
    {
        var statement = new HranaStatement(sql);
        var lease = await LeaseAsync(ct).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            var stream = lease.Stream;
            if (lease.InSnapshot)
            {
                // Inside the snapshot's read-only transaction, which ends in ROLLBACK; a write is refused by name first.
                var asked = await stream.PipelineAsync([new HranaRequest.Describe(sql), new HranaRequest.Execute(statement)], ct).ConfigureAwait(false);
                RefuseWrites(asked[0].Get<HranaDescribeResult>());
                return asked[1].Get<HranaStatementResult>().Rows;
            }
            if (!ReadOnly)
            {
                var results = await stream.PipelineAsync([new HranaRequest.Execute(statement), new HranaRequest.Close()], ct).ConfigureAwait(false);
                return results[0].Get<HranaStatementResult>().Rows;
            }

            // sqld accepts BEGIN TRANSACTION READONLY but (0.24) does not stop writes inside it. What does:
            // the transaction always ends in ROLLBACK, so nothing is ever committed; and SQLite's own
            // verdict on the statement (describe's is_readonly, sqlite3_stmt_readonly) refuses it by name.
            var readOnly = await stream.PipelineAsync(
                [new HranaRequest.Describe(sql), new HranaRequest.Batch(HranaTransactions.ReadOnly(statement)), new HranaRequest.Close()], ct)
                .ConfigureAwait(false);
            RefuseWrites(readOnly[0].Get<HranaDescribeResult>());
            var batch = readOnly[1].Get<HranaBatchResult>();
            for (var step = 0; step <= HranaTransactions.ReadOnlyQueryStep; step++)
                if (batch.StepErrors[step] is { } error) throw HranaException.From(error, step);
            return batch.StepResults[HranaTransactions.ReadOnlyQueryStep]!.Rows;
        }
    }

    /// <summary>
    /// Every read until it is disposed sees one moment: it goes through one stream holding a read transaction
    /// (<see cref="LibsqlSnapshot"/>). Only for a database opened read-only, whose reads are all a snapshot may hold.
    /// </summary>
    public async Task<IAsyncDisposable?> BeginSnapshotAsync(CancellationToken cancellationToken)
    {
        if (!ReadOnly) return null;
        try
        {
            return _snapshot = await LibsqlSnapshot.BeginAsync(client, () => _snapshot = null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw LibsqlErrors.Describe(e, target);
        }
    }

    private LibsqlSnapshot? _snapshot;

    /// <summary>The stream a read goes through: the snapshot's while one is held, else one of its own.</summary>
    private async Task<LibsqlSnapshot.Lease> LeaseAsync(CancellationToken ct) =>
        _snapshot is { } snapshot ? await snapshot.TakeAsync(ct).ConfigureAwait(false) : LibsqlSnapshot.Lease.Own(client);

    /// <summary>
    /// sqld (0.24) answers a cursor whose statement it refuses outright (two statements in one text) with a bare
    /// HTTP 500; the same read-only batch through a pipeline gets the protocol's own error and code
    /// (SQL_MANY_STATEMENTS). Sending it again is safe only because the batch is read-only and ends in ROLLBACK.
    /// </summary>
    private async Task<Exception> PipelineVerdictAsync(HranaStatement statement, HranaException cursorFailure, CancellationToken ct)
    {
        var stream = client.OpenStream();
        await using (stream.ConfigureAwait(false))
        {
            var results = await stream.PipelineAsync([new HranaRequest.Batch(HranaTransactions.ReadOnly(statement))], ct).ConfigureAwait(false);
            if (results[0].Error is { } error) return HranaException.From(error);
            var batch = results[0].Get<HranaBatchResult>();
            return batch.StepErrors[HranaTransactions.ReadOnlyQueryStep] is { } stepError ? HranaException.From(stepError) : cursorFailure;
        }
    }

    /// <summary>The write in a batch that always ends in ROLLBACK: what the token, not the session, allows.</summary>
    public async Task<FerryException?> TryWriteAsync(string sql, CancellationToken cancellationToken)
    {
        try
        {
            var stream = client.OpenStream();
            await using (stream.ConfigureAwait(false))
            {
                var results = await stream.PipelineAsync([new HranaRequest.Batch(HranaTransactions.RolledBack(new HranaStatement(sql, WantRows: false))), new HranaRequest.Close()],
                    cancellationToken).ConfigureAwait(false);
                var batch = results[0].Get<HranaBatchResult>();
                if (batch.StepErrors[0] is { } begin) throw HranaException.From(begin, 0);
                return batch.StepErrors[1] is { } refused ? (FerryException)LibsqlErrors.Describe(HranaException.From(refused, 1), target) : null;
            }
        }
        catch (HranaException e)
        {
            return (FerryException)LibsqlErrors.Describe(e, target);
        }
    }

    private void RefuseWrites(HranaDescribeResult statement)
    {
        if (!statement.IsReadOnly)
            throw new FerryException(FerryErrorKind.Failed,
                $"{target.Redacted} is open read-only, and libSQL reports that this statement writes; nothing was written.");
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }
}

namespace Ferry.Engines.Libsql;

/// <summary>One line of a <c>/v3/cursor</c> response after the first: the batch's results, piece by piece.</summary>
internal abstract record HranaCursorEntry
{
    public sealed record StepBegin(int Step, IReadOnlyList<HranaColumn> Columns) : HranaCursorEntry;

    public sealed record Row(object?[] Values) : HranaCursorEntry;

    public sealed record StepEnd(long AffectedRowCount, long? LastInsertRowId) : HranaCursorEntry;

    public sealed record StepError(int Step, HranaError Failure) : HranaCursorEntry;

    /// <summary>The whole batch failed; always the last entry.</summary>
    public sealed record Error(HranaError Value) : HranaCursorEntry;
}

namespace Ferry.Engines.Libsql;

/// <summary>A result column: its name and, for a column read straight from a table, its declared type.</summary>
internal sealed record HranaColumn(string? Name, string? DeclaredType);

/// <summary>Hrana's <c>StmtResult</c>, with values already decoded by <see cref="HranaValue"/>.</summary>
internal sealed record HranaStatementResult(
    IReadOnlyList<HranaColumn> Columns,
    IReadOnlyList<object?[]> Rows,
    long AffectedRowCount,
    long? LastInsertRowId);

/// <summary>Hrana's <c>BatchResult</c>: per step, a result or an error; both null for a skipped step.</summary>
internal sealed record HranaBatchResult(IReadOnlyList<HranaStatementResult?> StepResults, IReadOnlyList<HranaError?> StepErrors);

/// <summary>What SQLite on the server says about a statement it parsed without running.</summary>
internal sealed record HranaDescribeResult(bool IsReadOnly, bool IsExplain, int ParameterCount);

/// <summary>
/// One entry of a pipeline's <c>results</c>: the decoded response (a <see cref="HranaStatementResult"/>,
/// <see cref="HranaBatchResult"/>, <see cref="HranaDescribeResult"/>, a bool for <c>get_autocommit</c>,
/// or null) or the error that request met. The server runs every request even after one fails.
/// </summary>
internal sealed record HranaStreamResult(object? Response, HranaError? Error)
{
    public T Get<T>() => Error is not null
        ? throw HranaException.From(Error)
        : Response is T value ? value : throw new HranaException($"libSQL answered with an unexpected response ({Response?.GetType().Name ?? "none"}).");
}

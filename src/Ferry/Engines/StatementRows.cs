namespace Ferry.Engines;

/// <summary>
/// The result of one statement run by <see cref="IOneStatement"/>: its column names, known before the first row,
/// and its rows as the server sends them. Disposing it ends what the run began (a read-only transaction ends
/// in ROLLBACK); <see cref="StopAsync"/> tells the server to stop sending rows the caller no longer wants.
/// </summary>
public sealed class StatementRows(IReadOnlyList<string> columns, IAsyncEnumerable<object?[]> rows, Func<ValueTask> stop, Func<ValueTask> end) : IAsyncDisposable
{
    private bool _ended;

    public IReadOnlyList<string> Columns => columns;

    /// <summary>Read once: the rows stream from the server and are not kept.</summary>
    public IAsyncEnumerable<object?[]> Rows => rows;

    /// <summary>
    /// Cancels the statement on the server: the drivers would otherwise read every remaining row of a large
    /// result before the transaction could end.
    /// </summary>
    public ValueTask StopAsync() => stop();

    public async ValueTask DisposeAsync()
    {
        if (_ended) return;
        _ended = true;
        await end().ConfigureAwait(false);
    }
}

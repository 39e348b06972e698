using System.Runtime.CompilerServices;
using Ferry.Engines;

namespace Ferry.Query;

/// <summary>
/// A statement's result as <see cref="ReadOnlyQuery"/> returns it: the column names, the rows as a stream read
/// once, and, after the stream ends, whether <see cref="QueryOptions.MaxRows"/> cut it short. Disposing it ends the
/// read-only transaction (ROLLBACK) and closes the connection; until then the connection is held.
/// </summary>
public sealed class QueryResult : IAsyncDisposable
{
    private readonly IAsyncDisposable _database;
    private readonly StatementRows _rows;
    private readonly long? _maxRows;
    private readonly Func<Exception, bool, Exception> _explain;
    private readonly IReadOnlyList<IDisposable> _timers;

    /// <param name="explain">Restates a failure; told whether the caller cancelled, which is then no timeout.</param>
    /// <param name="timers">The timers that govern the statement and its rows, disposed with it.</param>
    internal QueryResult(IAsyncDisposable database, StatementRows rows, long? maxRows, Func<Exception, bool, Exception> explain, IReadOnlyList<IDisposable> timers)
    {
        _database = database;
        _rows = rows;
        _maxRows = maxRows;
        _explain = explain;
        _timers = timers;
    }

    public IReadOnlyList<string> Columns => _rows.Columns;

    /// <summary>True once <see cref="Rows"/> stopped at the row limit with more rows left.</summary>
    public bool Truncated { get; private set; }

    /// <summary>Rows read so far.</summary>
    public long RowCount { get; private set; }

    /// <summary>Values as the engine reads them: long, double, decimal, string, byte[], date and time types, or null.</summary>
    public async IAsyncEnumerable<object?[]> Rows([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rows = _rows.Rows.GetAsyncEnumerator(cancellationToken);
        await using (rows.ConfigureAwait(false))
        {
            while (true)
            {
                // C# allows no yield inside a try with a catch: step inside, yield outside.
                try
                {
                    if (!await rows.MoveNextAsync().ConfigureAwait(false)) yield break;
                }
                catch (Exception e)
                {
                    throw _explain(e, cancellationToken.IsCancellationRequested);
                }
                if (RowCount == _maxRows)
                {
                    Truncated = true;
                    await _rows.StopAsync().ConfigureAwait(false);
                    yield break;
                }
                RowCount++;
                yield return rows.Current;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _rows.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            foreach (var timer in _timers) timer.Dispose();
            await _database.DisposeAsync().ConfigureAwait(false);
        }
    }
}

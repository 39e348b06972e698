namespace Ferry.Engines;

/// <summary>
/// A read-only transaction begun by an engine's own statement and always ended by ROLLBACK: nothing was
/// written in it, and a rollback cannot fail for having nothing to undo.
/// </summary>
internal sealed class SqlSnapshot : IAsyncDisposable
{
    private readonly ISqlSession _session;
    private readonly Action? _ended;

    private SqlSnapshot(ISqlSession session, Action? ended)
    {
        _session = session;
        _ended = ended;
    }

    /// <param name="begin">The engine's statement: PostgreSQL REPEATABLE READ, MySQL WITH CONSISTENT SNAPSHOT, SQLite a deferred BEGIN.</param>
    /// <param name="ended">Told when the snapshot has ended, for a session that runs reads in it meanwhile.</param>
    public static async Task<IAsyncDisposable?> BeginAsync(ISqlSession session, string begin, CancellationToken ct, Action? ended = null)
    {
        // Through QueryAsync: it runs on a session opened read-only, where ExecuteAsync refuses before sending.
        await session.QueryAsync(begin, ct).ConfigureAwait(false);
        return new SqlSnapshot(session, ended);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _session.QueryAsync("ROLLBACK", CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _ended?.Invoke();
        }
    }
}

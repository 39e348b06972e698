namespace Ferry.Engines;

/// <summary>
/// A read-only transaction begun by an engine's own statement and always ended by ROLLBACK: nothing was
/// written in it, and a rollback cannot fail for having nothing to undo.
/// </summary>
internal sealed class SqlSnapshot : IAsyncDisposable
{
    private readonly ISqlSession _session;

    private SqlSnapshot(ISqlSession session) => _session = session;

    /// <param name="begin">The engine's statement: PostgreSQL REPEATABLE READ, MySQL WITH CONSISTENT SNAPSHOT, SQLite a deferred BEGIN.</param>
    public static async Task<IAsyncDisposable?> BeginAsync(ISqlSession session, string begin, CancellationToken ct)
    {
        // Through QueryAsync: it runs on a session opened read-only, where ExecuteAsync refuses before sending.
        await session.QueryAsync(begin, ct).ConfigureAwait(false);
        return new SqlSnapshot(session);
    }

    public async ValueTask DisposeAsync() => await _session.QueryAsync("ROLLBACK", CancellationToken.None).ConfigureAwait(false);
}

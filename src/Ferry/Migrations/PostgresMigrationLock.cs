using Ferry.Engines;

namespace Ferry.Migrations;

/// <summary>
/// A session-level advisory lock: PostgreSQL scopes advisory locks to the database, holds this one for
/// the connection until it is unlocked, and frees it if the connection dies, so a killed run never
/// leaves the database locked.
/// </summary>
internal sealed class PostgresMigrationLock(ISqlSession session) : IMigrationLock
{
    /// <summary>A fixed key of Ferry's own ("ferry" in ASCII): the same for every run on every database, which is what makes runs exclude each other.</summary>
    public const long Key = 0x666572727900;

    public string? HowToFree => null;

    public async Task<bool> TryAcquireAsync(CancellationToken ct)
    {
        var rows = await session.QueryAsync($"SELECT pg_try_advisory_lock({Key})", ct).ConfigureAwait(false);
        return rows[0][0] is true;
    }

    public Task ReleaseAsync(CancellationToken ct) => session.QueryAsync($"SELECT pg_advisory_unlock({Key})", ct);
}

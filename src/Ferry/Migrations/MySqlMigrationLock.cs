using Ferry.Engines;

namespace Ferry.Migrations;

/// <summary>
/// A named lock (GET_LOCK): held by the connection, freed if it dies. Named locks are server-wide, so the
/// name carries the database's (hashed, because a lock name may hold at most 64 characters).
/// </summary>
internal sealed class MySqlMigrationLock(ISqlSession session) : IMigrationLock
{
    public const string Name = "CONCAT('ferry_migrate:', SHA1(DATABASE()))";

    public string? HowToFree => null;

    public async Task<bool> TryAcquireAsync(CancellationToken ct)
    {
        var rows = await session.QueryAsync($"SELECT GET_LOCK({Name}, 0)", ct).ConfigureAwait(false);
        return rows[0][0] is long and 1;
    }

    public Task ReleaseAsync(CancellationToken ct) => session.QueryAsync($"SELECT RELEASE_LOCK({Name})", ct);
}

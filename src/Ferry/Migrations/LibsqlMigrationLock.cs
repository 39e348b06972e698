using Ferry.Engines;
using Ferry.Engines.Libsql;
using Ferry.Errors;

namespace Ferry.Migrations;

/// <summary>
/// A row in <c>ferry_migration_lock</c>: sqld over HTTP holds no session, so no lock can live in a
/// connection, and the row is the lock. Its one key means only one INSERT succeeds; the holder's random id
/// says whose it is. A run killed while holding it leaves the row, which <see cref="HowToFree"/> removes.
/// </summary>
internal sealed class LibsqlMigrationLock(LibsqlDatabase database) : IMigrationLock
{
    private const string Table = "ferry_migration_lock";
    private readonly string _holder = Guid.NewGuid().ToString("N");

    private string Quoted => database.Dialect.Quote(Table);

    public string? HowToFree => $"DELETE FROM {Quoted}";

    public async Task<bool> TryAcquireAsync(CancellationToken ct)
    {
        var d = database.Dialect;
        try
        {
            await database.ExecuteStatementsAsync(
            [
                new HranaStatement($"CREATE TABLE IF NOT EXISTS {Quoted} (id INTEGER PRIMARY KEY CHECK (id = 1), holder TEXT NOT NULL, acquired_at TEXT NOT NULL)", WantRows: false),
                new HranaStatement($"INSERT OR IGNORE INTO {Quoted} (id, holder, acquired_at) VALUES (1, {d.QuoteLiteral(_holder)}, {d.QuoteLiteral(MigrationSql.UtcNow())})", WantRows: false),
            ], ct).ConfigureAwait(false);
        }
        catch (FerryException e) when (e.Server?.Code is "SQLITE_BUSY" or "SQLITE_LOCKED")
        {
            // The holder is inside a migration's batch, which keeps the database's write lock until it ends: not free yet.
            return false;
        }
        var rows = await database.QueryAsync($"SELECT holder FROM {Quoted} WHERE id = 1", ct).ConfigureAwait(false);
        return rows.Count == 1 && (string?)rows[0][0] == _holder;
    }

    public Task ReleaseAsync(CancellationToken ct) =>
        database.ExecuteAsync($"DELETE FROM {Quoted} WHERE holder = {database.Dialect.QuoteLiteral(_holder)}", ct);
}

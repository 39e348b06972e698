using System.Globalization;
using Ferry.Engines;

namespace Ferry.Migrations;

/// <summary>
/// Ferry's own history table, <c>ferry_migrations</c>, in the connection's default schema: one row per
/// applied migration with its version, file name, hash, when it was applied (UTC, ISO 8601) and how long
/// it took. The column types are ones every engine spells the same.
/// </summary>
public sealed class FerryHistory(ISqlSession session) : IMigrationHistory
{
    public const string TableName = "ferry_migrations";

    private ISqlDialect Dialect => session.Dialect;

    public TableName Table { get; } = new(null, TableName);

    private string Quoted => Table.Quoted(Dialect);

    public IReadOnlyList<string> Create =>
    [
        $"CREATE TABLE IF NOT EXISTS {Quoted} (version bigint NOT NULL PRIMARY KEY, name varchar(255) NOT NULL, hash varchar(64) NOT NULL, " +
        "applied_at varchar(40) NOT NULL, execution_ms bigint NOT NULL)",
    ];

    public async Task<IReadOnlyList<AppliedMigration>> ReadAsync(CancellationToken ct)
    {
        var rows = await session.QueryAsync($"SELECT version, hash, name, applied_at FROM {Quoted} ORDER BY version", ct).ConfigureAwait(false);
        return rows.Select(r => new AppliedMigration(Convert.ToInt64(r[0], CultureInfo.InvariantCulture), (string)r[1]!, (string?)r[2], (string?)r[3])).ToList();
    }

    public string Record(Migration migration, TimeSpan elapsed) =>
        $"INSERT INTO {Quoted} (version, name, hash, applied_at, execution_ms) VALUES ({MigrationSql.Number(migration.Order)}, {Dialect.QuoteLiteral(migration.Name)}, " +
        $"{Dialect.QuoteLiteral(migration.Hash)}, {Dialect.QuoteLiteral(MigrationSql.UtcNow())}, " +
        $"{MigrationSql.Number((long)elapsed.TotalMilliseconds)})";

    public string Forget(Migration migration) => $"DELETE FROM {Quoted} WHERE version = {MigrationSql.Number(migration.Order)}";

    public string CountOf(Migration migration) => $"SELECT count(*) FROM {Quoted} WHERE version = {MigrationSql.Number(migration.Order)}";
}

using System.Globalization;
using Ferry.Connections;
using Ferry.Engines;

namespace Ferry.Migrations;

/// <summary>
/// drizzle-orm's <c>__drizzle_migrations</c>, created and written exactly as its migrators do
/// (drizzle-orm 0.45: pg-core/dialect.ts, mysql-core/dialect.ts, sqlite-core/dialect.ts, libsql/migrator.ts):
/// columns <c>id</c>, <c>hash</c> (the file's SHA-256 hex) and <c>created_at</c> (the journal's <c>when</c>),
/// in the schema <c>drizzle</c> on PostgreSQL and in the database itself elsewhere. drizzle-orm then runs
/// every entry whose <c>when</c> is newer than the newest <c>created_at</c>, so rows Ferry writes are the
/// rows drizzle-orm would have written, and each tool sees the other's work as done.
/// </summary>
public sealed class DrizzleHistory(ISqlSession session) : IMigrationHistory
{
    public const string TableName = "__drizzle_migrations";

    public const string PostgresSchema = "drizzle";

    private ISqlDialect Dialect => session.Dialect;

    public TableName Table { get; } = new(session.Target.Engine == EngineKind.Postgres ? PostgresSchema : null, TableName);

    private string Quoted => Table.Quoted(Dialect);

    // drizzle's own column types, engine by engine; SQLite's "SERIAL PRIMARY KEY" is not an alias of the
    // rowid, so id stays NULL there, as it does under drizzle-orm.
    public IReadOnlyList<string> Create => session.Target.Engine switch
    {
        EngineKind.Postgres =>
        [
            $"CREATE SCHEMA IF NOT EXISTS {Dialect.Quote(PostgresSchema)}",
            $"CREATE TABLE IF NOT EXISTS {Quoted} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)",
        ],
        EngineKind.MySql => [$"create table if not exists {Quoted} (id serial primary key, hash text not null, created_at bigint)"],
        _ => [$"CREATE TABLE IF NOT EXISTS {Quoted} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)"],
    };

    public async Task<IReadOnlyList<AppliedMigration>> ReadAsync(CancellationToken ct)
    {
        var rows = await session.QueryAsync($"SELECT hash, created_at FROM {Quoted} ORDER BY created_at", ct).ConfigureAwait(false);
        // created_at is numeric on SQLite: drizzle-orm compares Number(created_at), and so does this.
        return rows.Select(r => new AppliedMigration(
            Convert.ToInt64(r[1] ?? 0L, CultureInfo.InvariantCulture), (string)r[0]!, Name: null, AppliedAt: null)).ToList();
    }

    public string Record(Migration migration, TimeSpan elapsed) =>
        $"INSERT INTO {Quoted} ({Dialect.Quote("hash")}, {Dialect.Quote("created_at")}) VALUES ({Dialect.QuoteLiteral(migration.Hash)}, {MigrationSql.Number(migration.Order)})";

    public string Forget(Migration migration) => $"DELETE FROM {Quoted} WHERE created_at = {MigrationSql.Number(migration.Order)}";

    public string CountOf(Migration migration) => $"SELECT count(*) FROM {Quoted} WHERE created_at = {MigrationSql.Number(migration.Order)}";
}

using System.Globalization;
using Ferry.Engines;

namespace Ferry.Migrations;

/// <summary>
/// Where a migration that failed half-way is remembered: <c>ferry_migration_failures</c>, one row per
/// failed migration with the statement that failed and the server's words. Only a migration that ran
/// outside a transaction (MySQL, whose DDL commits as it goes, or a <c>-- ferry:no-transaction</c> file)
/// can fail half-way, so only then is the table made. It serves both formats, because drizzle's table has
/// no room for a failure; its row goes when the migration is applied.
/// </summary>
public sealed class MigrationFailures(ISqlSession session)
{
    public static readonly TableName Table = new(null, "ferry_migration_failures");

    private ISqlDialect Dialect => session.Dialect;

    private string Quoted => Table.Quoted(Dialect);

    public async Task<IReadOnlyList<MigrationFailureRecord>> ReadAsync(CancellationToken ct)
    {
        if (!await Table.ExistsAsync(session, ct).ConfigureAwait(false)) return [];
        var rows = await session.QueryAsync(
            $"SELECT version, name, statement, statements, error, failed_at FROM {Quoted} ORDER BY version", ct).ConfigureAwait(false);
        return rows.Select(r => new MigrationFailureRecord(
            Convert.ToInt64(r[0], CultureInfo.InvariantCulture), (string)r[1]!, Convert.ToInt32(r[2], CultureInfo.InvariantCulture),
            Convert.ToInt32(r[3], CultureInfo.InvariantCulture), (string)r[4]!, (string)r[5]!)).ToList();
    }

    public async Task RecordAsync(Migration migration, int statement, string error, CancellationToken ct)
    {
        await session.ExecuteAsync(
            $"CREATE TABLE IF NOT EXISTS {Quoted} (version bigint NOT NULL PRIMARY KEY, name varchar(255) NOT NULL, statement int NOT NULL, " +
            "statements int NOT NULL, error text NOT NULL, failed_at varchar(40) NOT NULL)", ct).ConfigureAwait(false);
        await session.ExecuteAsync(Forget(migration), ct).ConfigureAwait(false);
        await session.ExecuteAsync(
            $"INSERT INTO {Quoted} (version, name, statement, statements, error, failed_at) VALUES ({MigrationSql.Number(migration.Order)}, " +
            $"{Dialect.QuoteLiteral(migration.Name)}, {MigrationSql.Number(statement)}, {MigrationSql.Number(migration.Statements.Count)}, {Dialect.QuoteLiteral(error)}, " +
            $"{Dialect.QuoteLiteral(MigrationSql.UtcNow())})", ct).ConfigureAwait(false);
    }

    /// <summary>Removes <paramref name="migration"/>'s failure, once it has been applied after all.</summary>
    public async Task ClearAsync(Migration migration, CancellationToken ct)
    {
        if (await Table.ExistsAsync(session, ct).ConfigureAwait(false))
            await session.ExecuteAsync(Forget(migration), ct).ConfigureAwait(false);
    }

    private string Forget(Migration migration) => $"DELETE FROM {Quoted} WHERE version = {MigrationSql.Number(migration.Order)}";
}

using Ferry.Connections;
using Ferry.Engines;

namespace Ferry.Migrations;

/// <summary>A bookkeeping table's name, in a schema where it has one (drizzle's table lives in PostgreSQL's <c>drizzle</c> schema).</summary>
public sealed record TableName(string? Schema, string Name)
{
    public string Quoted(ISqlDialect dialect) => dialect.Name(Schema, Name);

    public override string ToString() => Schema is null ? Name : $"{Schema}.{Name}";

    /// <summary>Whether the table is there, asked of the engine's catalog, so status and --dry-run never create it.</summary>
    public async Task<bool> ExistsAsync(ISqlSession session, CancellationToken ct)
    {
        var d = session.Dialect;
        var sql = session.Target.Engine switch
        {
            // to_regclass takes the name as SQL would write it: quoted, and searched on the search_path when unqualified.
            EngineKind.Postgres => $"SELECT count(*) FROM (SELECT to_regclass({d.QuoteLiteral(Quoted(d))}) AS t) r WHERE t IS NOT NULL",
            EngineKind.MySql => $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = {d.QuoteLiteral(Name)}",
            _ => $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = {d.QuoteLiteral(Name)}",
        };
        var rows = await session.QueryAsync(sql, ct).ConfigureAwait(false);
        return Convert.ToInt64(rows[0][0], System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}

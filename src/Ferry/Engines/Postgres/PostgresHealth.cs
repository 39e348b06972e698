using Ferry.Monitoring;
using static Ferry.Engines.Cells;

namespace Ferry.Engines.Postgres;

/// <summary>
/// A PostgreSQL database's sizes, sessions and busiest statements, from the statistics views. Every query is
/// read-only and cheap (no row counts: the planner's estimate stands in), so a watch can run it every few seconds.
/// </summary>
internal static class PostgresHealth
{
    private const string Size = "SELECT pg_database_size(current_database())::bigint";

    // reltuples is -1 until the table is first analyzed: then the estimate is unknown, not zero.
    private const string Largest = """
        SELECT CASE WHEN n.nspname = 'public' THEN c.relname ELSE n.nspname || '.' || c.relname END,
               pg_total_relation_size(c.oid)::bigint,
               CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::bigint END
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
        ORDER BY 2 DESC, 1 LIMIT
        """;

    private const string Connections = """
        SELECT coalesce(state, 'background'), count(*)::bigint FROM pg_stat_activity
        WHERE datname = current_database() GROUP BY 1 ORDER BY 1
        """;

    private const string Longest = """
        SELECT extract(epoch FROM clock_timestamp() - query_start)::float8, state, left(query, 500) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
          AND state IS DISTINCT FROM 'idle' AND query_start IS NOT NULL
        ORDER BY query_start LIMIT 1
        """;

    private const string StatementsSchema = "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_stat_statements'";

    /// <summary>SQLSTATE 55000: the extension exists but the server was started without it in shared_preload_libraries.</summary>
    private const string NotInPrerequisiteState = "55000";

    public static async Task<HealthDetails> ReadAsync(ISqlSession session, CancellationToken ct)
    {
        var notes = new List<string>();
        var largest = await session.QueryAsync($"{Largest} {HealthQueries.Largest}", ct).ConfigureAwait(false);
        var longest = await session.QueryAsync(Longest, ct).ConfigureAwait(false);
        return new HealthDetails
        {
            DatabaseSizeBytes = AsLong((await session.QueryAsync(Size, ct).ConfigureAwait(false))[0][0]),
            LargestTables = largest.Select(r => new TableSize((string)r[0]!, AsLong(r[1]), AsLongOrNull(r[2]))).ToList(),
            Connections = (await session.QueryAsync(Connections, ct).ConfigureAwait(false)).ToDictionary(r => (string)r[0]!, r => (int)AsLong(r[1])),
            LongestQuery = longest.Select(r => new RunningQuery(AsDoubleOrNull(r[0]) ?? 0, (string)r[1]!, HealthQueries.Clean(r[2] as string))).FirstOrDefault(),
            TopStatements = await TopStatementsAsync(session, notes, ct).ConfigureAwait(false),
            Notes = notes,
        };
    }

    private static async Task<IReadOnlyList<StatementTotal>?> TopStatementsAsync(ISqlSession session, List<string> notes, CancellationToken ct)
    {
        var schema = (await session.QueryAsync(StatementsSchema, ct).ConfigureAwait(false)).Select(r => (string)r[0]!).FirstOrDefault();
        if (schema is null)
        {
            notes.Add("pg_stat_statements is not installed in this database, so there are no top statements (CREATE EXTENSION pg_stat_statements, with the library in shared_preload_libraries).");
            return null;
        }
        // regnamespace::text is already quoted where the name needs it.
        var sql = $"""
            SELECT calls::bigint, total_exec_time::float8, mean_exec_time::float8, left(query, 500) FROM {schema}.pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY total_exec_time DESC LIMIT {HealthQueries.Largest}
            """;
        try
        {
            var rows = await session.QueryAsync(sql, ct).ConfigureAwait(false);
            return rows.Select(r => new StatementTotal(AsLong(r[0]), AsDoubleOrNull(r[1]) ?? 0, AsDoubleOrNull(r[2]) ?? 0, HealthQueries.Clean(r[3] as string))).ToList();
        }
        catch (Errors.FerryException e) when (e.Server?.Code == NotInPrerequisiteState)
        {
            notes.Add("pg_stat_statements is installed but not loaded: add it to shared_preload_libraries and restart the server.");
            return null;
        }
    }
}

using Ferry.Monitoring;
using static Ferry.Engines.Cells;

namespace Ferry.Engines.MySql;

/// <summary>
/// A MySQL or MariaDB database's sizes and sessions, from information_schema (sizes are the server's own
/// estimates, rows included) and the processlist. A user without the PROCESS privilege sees only its own sessions.
/// </summary>
internal static class MySqlHealth
{
    private const string Size = "SELECT coalesce(sum(DATA_LENGTH + INDEX_LENGTH), 0) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()";

    private const string Largest = """
        SELECT TABLE_NAME, DATA_LENGTH + INDEX_LENGTH, TABLE_ROWS FROM information_schema.TABLES
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY 2 DESC, 1 LIMIT
        """;

    private const string Connections = "SELECT COMMAND, COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = DATABASE() GROUP BY COMMAND ORDER BY COMMAND";

    // Daemon and replication threads run forever by design; they are not a slow query.
    private const string Longest = """
        SELECT TIME, coalesce(STATE, ''), LEFT(INFO, 500) FROM information_schema.PROCESSLIST
        WHERE DB = DATABASE() AND ID <> CONNECTION_ID() AND INFO IS NOT NULL AND COMMAND NOT IN ('Sleep', 'Daemon', 'Binlog Dump')
        ORDER BY TIME DESC LIMIT 1
        """;

    public static async Task<HealthDetails> ReadAsync(ISqlSession session, CancellationToken ct)
    {
        var largest = await session.QueryAsync($"{Largest} {HealthQueries.Largest}", ct).ConfigureAwait(false);
        var longest = await session.QueryAsync(Longest, ct).ConfigureAwait(false);
        return new HealthDetails
        {
            DatabaseSizeBytes = AsLong((await session.QueryAsync(Size, ct).ConfigureAwait(false))[0][0]),
            LargestTables = largest.Select(r => new TableSize((string)r[0]!, AsLongOrNull(r[1]), AsLongOrNull(r[2]))).ToList(),
            Connections = (await session.QueryAsync(Connections, ct).ConfigureAwait(false)).ToDictionary(r => (string)r[0]!, r => (int)AsLong(r[1])),
            LongestQuery = longest.Select(r => new RunningQuery(AsLong(r[0]), (string)r[1]!, HealthQueries.Clean(r[2] as string))).FirstOrDefault(),
        };
    }
}

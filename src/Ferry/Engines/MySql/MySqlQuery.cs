using System.Globalization;
using Ferry.Connections;
using MySqlConnector;

namespace Ferry.Engines.MySql;

/// <summary>
/// One statement of a user's SQL on a MySQL or MariaDB session. Read-only, it runs inside an XA transaction on a
/// session that is read-only (<c>SET SESSION TRANSACTION READ ONLY</c>), and the transaction always ends in ROLLBACK.
/// </summary>
internal static class MySqlQuery
{
    public static Task<StatementRows> RunAsync(MySqlConnection connection, ConnectionTarget target, bool readOnly, string sql, TimeSpan? timeout, CancellationToken ct)
    {
        var setup = new List<string>();
        if (timeout is { } limit) setup.Add(TimeoutSql(connection.ServerVersion, limit));
        // An XA transaction rather than START TRANSACTION READ ONLY: read-only all the same (the session is), and inside
        // one the server refuses COMMIT and every statement that commits implicitly (1399, XAER_RMFAIL) — LOCK TABLES,
        // and a stored procedure that would COMMIT, switch the session to READ WRITE and write in a transaction of its
        // own, which a plain read-only transaction lets through. Its id is random, so no procedure can end it by name.
        var xid = "ferry_query_" + Guid.NewGuid().ToString("N");
        if (readOnly) setup.Add($"XA START '{xid}'");
        IReadOnlyList<string> rollback = readOnly ? [$"XA END '{xid}'", $"XA ROLLBACK '{xid}'", "ROLLBACK"] : [];
        var run = new DriverStatement(connection, rollback, e => e is MySqlException, e => MySqlErrors.Describe(e, target));
        return run.RunAsync(setup, async token =>
        {
            // The server prepares the text as one statement and refuses a second after a ';' (1064): MySqlConnector
            // would otherwise send a multi-statement text as it is, and the server would run every statement in it.
            // The text travels as a parameter, which MySqlConnector sends as a quoted literal.
            using (var prepare = new MySqlCommand("PREPARE ferry_query FROM @ferry_sql", connection))
            {
                prepare.Parameters.AddWithValue("@ferry_sql", sql);
                await prepare.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }
            var execute = new MySqlCommand("EXECUTE ferry_query", connection);
            try
            {
                return new DriverStatement.Started(await execute.ExecuteReaderAsync(token).ConfigureAwait(false), execute.Cancel, execute);
            }
            catch
            {
                await execute.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }, (reader, i) => MySqlValues.Read((MySqlDataReader)reader, i)!, ct);
    }

    /// <summary>The global privileges a read-only transaction does not stop: FILE (SELECT … INTO OUTFILE writes server files) and SUPER.</summary>
    public const string PowersSql = """
        SELECT GROUP_CONCAT(PRIVILEGE_TYPE ORDER BY PRIVILEGE_TYPE SEPARATOR ', ') FROM information_schema.USER_PRIVILEGES
        WHERE GRANTEE = CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')
          AND PRIVILEGE_TYPE IN ('FILE', 'SUPER')
        """;

    /// <summary>MariaDB's max_statement_time (seconds, any statement); MySQL's max_execution_time (milliseconds, SELECT only).</summary>
    internal static string TimeoutSql(string serverVersion, TimeSpan limit) =>
        serverVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase)
            ? "SET SESSION max_statement_time = " + Math.Max(0.001, Math.Round(limit.TotalSeconds, 3)).ToString("0.###", CultureInfo.InvariantCulture)
            : "SET SESSION max_execution_time = " + Math.Max(1, (long)Math.Ceiling(limit.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
}

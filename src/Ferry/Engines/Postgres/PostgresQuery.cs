using System.Globalization;
using Ferry.Connections;
using Npgsql;

namespace Ferry.Engines.Postgres;

/// <summary>
/// One statement of a user's SQL on a PostgreSQL session. Read-only, it runs inside <c>BEGIN READ ONLY</c> with
/// <c>SET LOCAL statement_timeout</c>, and the transaction always ends in ROLLBACK.
/// </summary>
internal static class PostgresQuery
{
    public static Task<StatementRows> RunAsync(NpgsqlConnection connection, ConnectionTarget target, bool readOnly, string sql, TimeSpan? timeout, CancellationToken ct)
    {
        var setup = new List<string>();
        if (readOnly) setup.Add("BEGIN READ ONLY");
        // SET takes no parameters: the value is a whole number Ferry formats itself. SET LOCAL lasts until the
        // ROLLBACK; with --write there is no transaction, so it is the session's, which ends with the call.
        if (timeout is { } limit) setup.Add($"SET {(readOnly ? "LOCAL " : "")}statement_timeout = {Milliseconds(limit)}");
        var run = new DriverStatement(connection, readOnly ? ["ROLLBACK"] : [],
            e => e is NpgsqlException or InvalidCastException or OverflowException, e => PostgresErrors.Describe(e, target));
        return run.RunAsync(setup, async token =>
        {
            // One NpgsqlBatchCommand without parameters is sent as it is, in one Parse message of the extended
            // protocol (an NpgsqlCommand would be split at each ';' into several): the server itself refuses a
            // second statement ("cannot insert multiple commands into a prepared statement", 42601).
            var batch = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand(sql) } };
            try
            {
                return new DriverStatement.Started(await batch.ExecuteReaderAsync(token).ConfigureAwait(false), batch.Cancel, batch);
            }
            catch
            {
                await batch.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }, (reader, i) => PostgresDatabase.Read((NpgsqlDataReader)reader, i), ct);
    }

    /// <summary>Superuser, or a member of the roles that read server files or run programs: what READ ONLY does not stop.</summary>
    public const string PowersSql = """
        SELECT concat_ws(', ',
            CASE WHEN r.rolsuper THEN 'superuser' END,
            CASE WHEN pg_has_role(current_user, 'pg_execute_server_program', 'MEMBER') AND NOT r.rolsuper THEN 'pg_execute_server_program' END,
            CASE WHEN pg_has_role(current_user, 'pg_read_server_files', 'MEMBER') AND NOT r.rolsuper THEN 'pg_read_server_files' END)
        FROM pg_roles r WHERE r.rolname = current_user
        """;

    private static string Milliseconds(TimeSpan limit) =>
        Math.Max(1, (long)Math.Ceiling(limit.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
}

using Ferry.Connections;
using MySqlConnector;

namespace Ferry.Engines.MySql;

/// <summary>Opens MySQL and MariaDB databases through MySqlConnector.</summary>
public static class MySqlEngine
{
    public const int DefaultPort = 3306;

    public static async Task<IDatabase> OpenAsync(ConnectionTarget target, OpenOptions options, CancellationToken cancellationToken)
    {
        var connectionString = MySqlConnectionSettings.For(target, options.Access);
        try
        {
            return await TransientRetry.RunAsync(async ct =>
            {
                // A fresh connection per attempt: a MySqlConnection that failed half-way is not reusable.
                var connection = new MySqlConnection(connectionString);
                try
                {
                    await connection.OpenAsync(ct).ConfigureAwait(false);
                    var sqlMode = await PrepareSessionAsync(connection, options.Access, ct).ConfigureAwait(false);
                    return (IDatabase)new MySqlDatabase(target, options, connection, sqlMode);
                }
                catch (MySqlException e)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    var explained = await MySqlErrors.ExplainAsync(e, target, ct).ConfigureAwait(false);
                    if (explained == e) throw;
                    throw explained;
                }
                catch
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }, MySqlErrors.IsTransient, options.RetryFor, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw MySqlErrors.Describe(e, target);
        }
    }

    /// <summary>Sets up the session every later statement relies on, and learns the quoting it speaks.</summary>
    private static async Task<string> PrepareSessionAsync(MySqlConnection connection, AccessMode access, CancellationToken ct)
    {
        // MySqlConnector asks for utf8mb4 in the handshake, so no SET NAMES is needed for emoji or for
        // MariaDB's utf8mb3 information_schema. TIMESTAMP values are converted through the session time
        // zone; in UTC they read as instants (DateTimeKind.Utc) and write back unchanged, whatever zone
        // the server or client is in.
        await ExecuteAsync(connection, "SET time_zone = '+00:00'", ct).ConfigureAwait(false);
        if (access == AccessMode.ReadOnly)
        {
            // Every later transaction (autocommit statements included) is read-only: the server itself
            // refuses INSERT/UPDATE/DELETE with error 1792, and MariaDB refuses DDL too.
            await ExecuteAsync(connection, "SET SESSION TRANSACTION READ ONLY", ct).ConfigureAwait(false);
        }
        else
        {
            // An AUTO_INCREMENT column given 0 would otherwise generate a new key in its place: a copied
            // row whose key is 0 keeps it.
            await ExecuteAsync(connection, "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'NO_AUTO_VALUE_ON_ZERO')", ct).ConfigureAwait(false);
        }
        using var command = new MySqlCommand("SELECT @@SESSION.sql_mode", connection);
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as string ?? "";
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken ct)
    {
        using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}

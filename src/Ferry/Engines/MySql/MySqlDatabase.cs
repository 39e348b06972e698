using System.Diagnostics;
using Ferry.Connections;
using Ferry.Errors;
using Ferry.Schema;
using MySql.Data.MySqlClient;

namespace Ferry.Engines.MySql;

/// <summary>
/// An open MySQL or MariaDB database: one connection, held for the database's life. A read-only one
/// runs with <c>SET SESSION TRANSACTION READ ONLY</c> and without multi-statement batches.
/// </summary>
/// <remarks>
/// MySql.Data 8.0.16's *Async methods run synchronously underneath: a cancellation is only seen
/// between statements, not during one.
/// </remarks>
internal sealed class MySqlDatabase(ConnectionTarget target, OpenOptions options, MySqlConnection connection, MySqlDialect dialect) : IDatabase
{
    public ConnectionTarget Target => target;

    public AccessMode Access => options.Access;

    public ISqlDialect Dialect => dialect;

    /// <summary>The driver connection, for the engine's own bulk paths (MySqlBulkLoader).</summary>
    internal MySqlConnection Connection => connection;

    public async Task<ServerInfo> PingAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var rows = await QueryAsync("SELECT VERSION()", cancellationToken).ConfigureAwait(false);
        return new ServerInfo(EngineKind.MySql, (string)rows[0][0]!, clock.Elapsed, target.Redacted);
    }

    public Task<DatabaseSchema> ReadSchemaAsync(CancellationToken cancellationToken) =>
        new MySqlSchemaReader(this).ReadAsync(cancellationToken);

    public async Task<IReadOnlyList<object?[]>> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        try
        {
            using var command = new MySqlCommand(sql, connection);
            using var reader = (MySqlDataReader)await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<object?[]>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++) row[i] = MySqlValues.Read(reader, i);
                rows.Add(row);
            }
            return rows;
        }
        catch (MySqlException e)
        {
            throw MySqlErrors.Describe(e, target);
        }
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        // The session is read-only on the server too; refusing here as well keeps a source safe on
        // servers where a read-only transaction does not stop DDL (MySQL lets some DDL through, since
        // DDL commits implicitly) and gives one clear sentence instead of error 1792.
        if (options.Access == AccessMode.ReadOnly)
            throw new FerryException(FerryErrorKind.Failed, $"{target.Redacted} is open read-only; Ferry does not write to a source.");
        try
        {
            using var command = new MySqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException e)
        {
            throw MySqlErrors.Describe(e, target);
        }
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}

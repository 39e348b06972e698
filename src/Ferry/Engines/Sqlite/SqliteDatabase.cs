using System.Diagnostics;
using Ferry.Connections;
using Ferry.Schema;
using Microsoft.Data.Sqlite;

namespace Ferry.Engines.Sqlite;

/// <summary>An open SQLite file.</summary>
internal sealed class SqliteDatabase(ConnectionTarget target, OpenOptions options, SqliteConnection connection) : IDatabase, IOneStatement
{
    public ConnectionTarget Target => target;

    public AccessMode Access => options.Access;

    public ISqlDialect Dialect => AnsiDialect.Instance;

    /// <summary>Texts are bound as the bytes they arrive as (<see cref="SqliteBind"/>): a SQLite source's need no decoding.</summary>
    public bool WritesUtf8Text => true;

    public async Task<ServerInfo> PingAsync(CancellationToken cancellationToken)
    {
        var rows = await QueryAsync("SELECT sqlite_version()", cancellationToken).ConfigureAwait(false);
        // Timed on a second query, so the figure is the database's and not the first call's start-up cost.
        var clock = Stopwatch.StartNew();
        await QueryAsync("SELECT 1", cancellationToken).ConfigureAwait(false);
        return new ServerInfo(EngineKind.Sqlite, (string)rows[0][0]!, clock.Elapsed, target.Redacted);
    }

    public Task<DatabaseSchema> ReadSchemaAsync(CancellationToken cancellationToken) =>
        new SqliteSchemaReader(this, EngineKind.Sqlite).ReadAsync(cancellationToken);

    public Task<DatabaseSchema> ReadSchemaWithoutSizesAsync(CancellationToken cancellationToken) =>
        new SqliteSchemaReader(this, EngineKind.Sqlite, sizes: false).ReadAsync(cancellationToken);

    public Task<DatabaseSchema> ReadShapeAsync(CancellationToken cancellationToken) =>
        new SqliteSchemaReader(this, EngineKind.Sqlite, sizes: false, counts: false).ReadAsync(cancellationToken);

    public async Task<IReadOnlyList<object?[]>> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<object?[]>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(row);
            }
            return rows;
        }
        catch (SqliteException e)
        {
            throw SqliteErrors.Describe(e, target.Redacted);
        }
    }

    /// <summary>A read transaction: in WAL mode a snapshot of its own, otherwise a shared lock that keeps writers out until it ends.</summary>
    public Task<IAsyncDisposable?> BeginSnapshotAsync(CancellationToken cancellationToken) =>
        SqlSnapshot.BeginAsync(this, "BEGIN", cancellationToken);

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        RequireWritable();
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            throw SqliteErrors.Describe(e, target.Redacted);
        }
    }

    public IAsyncEnumerable<object?[]> ReadRowsAsync(Table table, CancellationToken cancellationToken) =>
        ReadRowsAsync(table, RowReadOptions.Default, cancellationToken);

    public IAsyncEnumerable<object?[]> ReadRowsAsync(Table table, RowReadOptions read, CancellationToken cancellationToken) =>
        SqliteRowReader.ReadAsync(connection, table, Dialect, read, options.RetryFor, target.Redacted, cancellationToken);

    public Task<long> WriteRowsAsync(Table table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
        WriteRowsAsync(table, rows, BulkWriteOptions.Default, cancellationToken);

    /// <summary>One transaction and one prepared INSERT for the whole table: the batch size does not apply.</summary>
    public async Task<long> WriteRowsAsync(Table table, IAsyncEnumerable<object?[]> rows, BulkWriteOptions write, CancellationToken cancellationToken)
    {
        RequireWritable();
        try
        {
            return await SqliteBulkWriter.WriteAsync(connection, table, Dialect, rows, write.OnConflict, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            throw SqliteErrors.Describe(e, target.Redacted);
        }
    }

    private void RequireWritable()
    {
        ReadOnlyGuard.RequireWritable(options.Access, target);
    }

    public Task<StatementRows> RunOneAsync(string sql, TimeSpan? timeout, CancellationToken cancellationToken) =>
        SqliteQuery.RunAsync(connection, target.Redacted, options.Access == AccessMode.ReadOnly, sql, timeout, cancellationToken);

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}

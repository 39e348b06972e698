using System.Data;
using System.Diagnostics;
using Ferry.Connections;
using Ferry.Schema;
using Npgsql;
using Ferry.Values;

namespace Ferry.Engines.Postgres;

/// <summary>
/// One open PostgreSQL session. Opened <see cref="AccessMode.ReadOnly"/>, the session starts with
/// <c>default_transaction_read_only=on</c>, so the server itself refuses every write (SQLSTATE 25006).
/// </summary>
internal sealed class PostgresDatabase(ConnectionTarget target, OpenOptions options, NpgsqlDataSource dataSource, NpgsqlConnection connection) : IDatabase, IOneStatement, IWriteProbe
{
    public ConnectionTarget Target => target;

    public AccessMode Access => options.Access;

    public ISqlDialect Dialect => AnsiDialect.Instance;

    /// <summary>For a verbatim copy, which streams from one session into another's.</summary>
    private NpgsqlConnection Connection => connection;

    /// <summary>The COPY encoder sends a <see cref="Utf8Text"/>'s bytes as they are: the server checks them as UTF-8 anyway.</summary>
    public bool WritesUtf8Text => true;

    public async Task<ServerInfo> PingAsync(CancellationToken cancellationToken)
    {
        var rows = await QueryAsync("SHOW server_version", cancellationToken).ConfigureAwait(false);
        // Timed on a second, trivial query: the first one also pays for warming up the driver's code.
        var clock = Stopwatch.StartNew();
        await QueryAsync("SELECT 1", cancellationToken).ConfigureAwait(false);
        return new ServerInfo(EngineKind.Postgres, ShortVersion((string)rows[0][0]!), clock.Elapsed, target.Redacted);
    }

    public Task<DatabaseSchema> ReadSchemaAsync(CancellationToken cancellationToken) =>
        new PostgresSchemaReader(this).ReadAsync(cancellationToken);

    public Task<DatabaseSchema> ReadShapeAsync(CancellationToken cancellationToken) =>
        new PostgresSchemaReader(this, counts: false).ReadAsync(cancellationToken);

    /// <summary>Views, materialized views, functions and triggers as whole CREATE statements, every name in them qualified.</summary>
    public Task<DatabaseSchema> WithObjectDefinitionsAsync(DatabaseSchema schema, CancellationToken cancellationToken) =>
        PostgresObjectDefinitions.ReadAsync(this, schema, cancellationToken);

    /// <summary>
    /// Rows as <see cref="IDatabase"/> promises (a table's rows are read by <see cref="PostgresValues"/>, exactly): smallint and integer widened to long, real to double.
    /// Other types come as Npgsql 10 gives them: numeric as decimal, timestamp as DateTime
    /// (Unspecified), timestamptz as DateTime (Utc), date as DateOnly, time as TimeOnly, interval as
    /// TimeSpan, uuid as Guid, json as string, enums as string, arrays as arrays — and a numeric that
    /// decimal cannot hold (NaN, Infinity, over 28 digits) as its exact text.
    /// </summary>
    public async Task<IReadOnlyList<object?[]>> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<object?[]>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : Read(reader, i);
                rows.Add(row);
            }
            return rows;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidCastException or OverflowException)
        {
            throw PostgresErrors.Describe(e, target);
        }
    }

    /// <summary>True while a snapshot the caller began is open: reads that would take their own run in it.</summary>
    private bool _inSnapshot;

    /// <summary>REPEATABLE READ: the snapshot is taken at the first read and kept to the end.</summary>
    public async Task<IAsyncDisposable?> BeginSnapshotAsync(CancellationToken cancellationToken)
    {
        var snapshot = await SqlSnapshot.BeginAsync(this, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", cancellationToken, () => _inSnapshot = false).ConfigureAwait(false);
        _inSnapshot = true;
        // The catalog reads it holds go without JIT, as InSnapshotAsync's own do.
        await JitOffAsync(cancellationToken).ConfigureAwait(false);
        return snapshot;
    }

    /// <summary>
    /// A catalog query's estimated cost crosses jit_above_cost, and compiling it costs 30-90 ms a query for a read that
    /// takes 1 ms: the schema read of a sync ran 0.25 s, JIT most of it. For the transaction only; JIT came in version 11.
    /// </summary>
    private async Task JitOffAsync(CancellationToken cancellationToken)
    {
        if (connection.PostgreSqlVersion.Major < 11) return;
        await using var jit = new NpgsqlCommand("SET LOCAL jit = off", connection);
        await jit.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        // No client-side refusal on a read-only session: the server refuses (25006), which is the
        // guarantee that matters, and the message says so.
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw PostgresErrors.Describe(e, target);
        }
    }

    /// <summary>
    /// Runs <paramref name="read"/> in one repeatable-read transaction: every query sees the same
    /// snapshot, so counts and catalog agree even while others write. Nothing is written, so it ends
    /// in a rollback.
    /// </summary>
    internal async Task<T> InSnapshotAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        // Within the caller's snapshot (a dump reads the schema and the rows as one moment) the read is in one already.
        if (_inSnapshot) return await read(cancellationToken).ConfigureAwait(false);
        NpgsqlTransaction transaction;
        try
        {
            transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw PostgresErrors.Describe(e, target);
        }
        await using (transaction.ConfigureAwait(false))
        {
            try
            {
                await JitOffAsync(cancellationToken).ConfigureAwait(false);
                return await read(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // A broken connection has no transaction left to end; the read's own error is the one to report.
                try { await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false); }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException) { }
            }
        }
    }

    public IAsyncEnumerable<object?[]> ReadRowsAsync(Table table, CancellationToken cancellationToken) =>
        ReadRowsAsync(table, RowReadOptions.Default, cancellationToken);

    public async IAsyncEnumerable<object?[]> ReadRowsAsync(Table table, RowReadOptions read, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var d = Dialect;
        // Only the table's own rows, not an inheritance child's. A text key sorts by its bytes under the "C"
        // collation, whatever the database's own.
        var sql = $"SELECT {string.Join(", ", table.Columns.Select(c => PostgresValues.Select(c, d)))} FROM {PostgresRangeHash.Instance.From(table, d)}"
            + KeyOrder.Clause(table, read, d, c => PostgresRangeHash.Instance.ByBytes(c, d));
        var readings = table.Columns.Select(PostgresValues.For).ToArray();
        NpgsqlDataReader reader;
        await using var command = new NpgsqlCommand(sql, connection);
        try
        {
            reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw PostgresErrors.Describe(e, target);
        }
        await using (reader.ConfigureAwait(false))
        {
            while (true)
            {
                object?[] row;
                try
                {
                    if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) yield break;
                    row = new object?[reader.FieldCount];
                    for (var i = 0; i < row.Length; i++) row[i] = await reader.IsDBNullAsync(i, cancellationToken).ConfigureAwait(false) ? null : PostgresValues.Read(reader, i, readings[i]);
                }
                catch (Exception e) when (e is NpgsqlException or InvalidCastException or OverflowException)
                {
                    throw PostgresErrors.Describe(e, target);
                }
                yield return row;
            }
        }
    }

    public Task<long> WriteRowsAsync(Table table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
        WriteRowsAsync(table, rows, BulkWriteOptions.Default, cancellationToken);

    /// <summary>One COPY for the whole table, which is atomic by itself: the batch size does not apply.</summary>
    public async Task<long> WriteRowsAsync(Table table, IAsyncEnumerable<object?[]> rows, BulkWriteOptions write, CancellationToken cancellationToken)
    {
        try
        {
            return await PostgresBulkWriter.WriteAsync(connection, table, rows, write.OnConflict, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidCastException)
        {
            throw PostgresErrors.Describe(e, target);
        }
    }

    /// <summary>Into another PostgreSQL database (or this one): COPY out, COPY in, nothing decoded.</summary>
    public bool CopiesVerbatimTo(IRowSink target) => target is PostgresDatabase;

    public async Task<long> CopyVerbatimAsync(Table table, IRowSink target, Table into, BulkWriteOptions write, CancellationToken cancellationToken)
    {
        var to = (PostgresDatabase)target;
        try
        {
            return await PostgresVerbatimCopy.CopyAsync(connection, table, to.Connection, into, write.OnConflict, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidCastException)
        {
            // Said as the target's: it is the end that checks every value, and the one the copy changes.
            throw PostgresErrors.Describe(e, to.Target);
        }
    }

    /// <summary>COPY's own format: what a dump keeps of a table, so that nothing is decoded on the way to PostgreSQL.</summary>
    public async Task<BulkExport?> ExportBulkAsync(Table table, Stream output, CancellationToken cancellationToken)
    {
        try
        {
            return await PostgresVerbatimCopy.ExportAsync(connection, table, output, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidCastException)
        {
            throw PostgresErrors.Describe(e, target);
        }
    }

    public bool ImportsBulk(string format) => PostgresVerbatimCopy.Imports(format);

    public async Task<long> ImportBulkAsync(Table into, string format, Stream input, BulkWriteOptions write, CancellationToken cancellationToken)
    {
        try
        {
            return await PostgresVerbatimCopy.ImportAsync(connection, into, format, input, write.OnConflict, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidCastException)
        {
            throw PostgresErrors.Describe(e, target);
        }
    }

    public Task<StatementRows> RunOneAsync(string sql, TimeSpan? timeout, CancellationToken cancellationToken) =>
        PostgresQuery.RunAsync(connection, target, options.Access == AccessMode.ReadOnly, sql, timeout, cancellationToken);

    public Task<Errors.FerryException?> TryWriteAsync(string sql, CancellationToken cancellationToken) =>
        WriteProbe.TryAsync(this, "BEGIN READ WRITE", sql, cancellationToken);

    public async Task<string?> PowersBeyondReadingAsync(CancellationToken cancellationToken) =>
        (await QueryAsync(PostgresQuery.PowersSql, cancellationToken).ConfigureAwait(false)) is [[string { Length: > 0 } powers]] ? powers : null;

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync().ConfigureAwait(false);
        await dataSource.DisposeAsync().ConfigureAwait(false);
    }

    internal static object Read(NpgsqlDataReader reader, int ordinal)
    {
        object value;
        try
        {
            value = reader.GetValue(ordinal);
        }
        catch (Exception e) when (e is InvalidCastException or OverflowException && reader.GetDataTypeName(ordinal) == "numeric")
        {
            // NaN, Infinity, or more digits than decimal has: the exact text rather than a rounded number or a failed copy.
            using var wire = reader.GetStream(ordinal);
            using var bytes = new MemoryStream();
            wire.CopyTo(bytes);
            return PostgresNumeric.ToText(bytes.ToArray());
        }
        return PostgresValues.Widened(value);
    }

    /// <summary><c>15.18 (Debian 15.18-1.pgdg120+1)</c> → <c>15.18</c>: the packager's suffix is noise in a report.</summary>
    internal static string ShortVersion(string serverVersion)
    {
        var space = serverVersion.IndexOf(' ');
        return space < 0 ? serverVersion : serverVersion[..space];
    }
}

using Ferry.Schema;
using Npgsql;

namespace Ferry.Engines.Postgres;

/// <summary>
/// Loads rows through binary COPY: the fastest way into PostgreSQL, and atomic — a COPY that fails
/// leaves the table as it was. The rows are encoded by <see cref="PostgresCopyEncoder"/>.
/// </summary>
internal static class PostgresBulkWriter
{
    private delegate void WriteValue(NpgsqlBinaryImporter importer, object value);

    public static async Task<long> WriteAsync(NpgsqlConnection connection, Table table, IAsyncEnumerable<object?[]> rows, OnConflict onConflict, CancellationToken ct)
    {
        var d = AnsiDialect.Instance;
        var name = table.Schema is null ? d.Quote(table.Name) : $"{d.Quote(table.Schema)}.{d.Quote(table.Name)}";
        if (onConflict == OnConflict.Fail) return await CopyAsync(connection, name, table, rows, ct).ConfigureAwait(false);

        // COPY cannot skip or merge: the rows go to a staging table, then one INSERT ... ON CONFLICT moves
        // them, all in one transaction so a failure keeps nothing.
        var columns = string.Join(", ", table.Columns.Select(c => d.Quote(c.Name)));
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await Execute(connection, $"CREATE TEMP TABLE ferry_stage (LIKE {name} INCLUDING DEFAULTS) ON COMMIT DROP", ct).ConfigureAwait(false);
        var sent = await CopyAsync(connection, "ferry_stage", table, rows, ct).ConfigureAwait(false);
        await Execute(connection, $"INSERT INTO {name} ({columns}) SELECT {columns} FROM ferry_stage{Upsert.Clause(table, d, onConflict)}", ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return sent;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task<long> CopyAsync(NpgsqlConnection connection, string name, Table table, IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        var d = AnsiDialect.Instance;
        var copy = $"COPY {name} ({string.Join(", ", table.Columns.Select(c => d.Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        long written = 0;
        var stream = await connection.BeginRawBinaryCopyAsync(copy, ct).ConfigureAwait(false);
        try
        {
            var encoder = new PostgresCopyEncoder(stream, table.Columns.Select(c => c.Type).ToList());
            encoder.Start();
            await foreach (var row in rows.WithCancellation(ct).ConfigureAwait(false))
            {
                await encoder.WriteRowAsync(row, ct).ConfigureAwait(false);
                written++;
            }
            await encoder.FinishAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            // Closing the raw stream would end the COPY and keep what was sent: cancel it, so nothing is.
            // The failure that got here is the one to report; a COPY the server already ended may refuse the cancel.
            try
            {
                await stream.CancelAsync().ConfigureAwait(false);
                await stream.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
            {
            }
            throw;
        }
        await stream.DisposeAsync().ConfigureAwait(false);
        return written;
    }
}

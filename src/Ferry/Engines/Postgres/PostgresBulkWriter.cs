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

    public static Task<long> WriteAsync(NpgsqlConnection connection, Table table, IAsyncEnumerable<object?[]> rows, OnConflict onConflict, CancellationToken ct) =>
        IntoTableAsync(connection, table, onConflict, name => CopyAsync(connection, name, table, rows, ct), ct);

    /// <summary>
    /// Runs <paramref name="copyInto"/> (a COPY into the table named) into the table itself, or with skip or
    /// update into a staging table whose rows one INSERT … ON CONFLICT then moves.
    /// </summary>
    public static async Task<long> IntoTableAsync(NpgsqlConnection connection, Table table, OnConflict onConflict, Func<string, Task<long>> copyInto, CancellationToken ct)
    {
        var d = AnsiDialect.Instance;
        var name = PostgresDdlWriter.Name(table);
        if (onConflict == OnConflict.Fail) return await copyInto(name).ConfigureAwait(false);

        // COPY cannot skip or merge: the rows go to a staging table, then one INSERT ... ON CONFLICT moves
        // them, all in one transaction so a failure keeps nothing.
        var columns = DdlText.Columns(d, table.Columns.Select(c => c.Name));
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await Execute(connection, $"CREATE TEMP TABLE ferry_stage (LIKE {name} INCLUDING DEFAULTS) ON COMMIT DROP", ct).ConfigureAwait(false);
        var sent = await copyInto("ferry_stage").ConfigureAwait(false);
        // The copied keys are the rows' own, as COPY writes them: a GENERATED ALWAYS identity takes them only when told to.
        await Execute(connection, $"INSERT INTO {name}{DdlText.ColumnList(d, table.Columns.Select(c => c.Name))} OVERRIDING SYSTEM VALUE SELECT {columns} FROM ferry_stage{Upsert.Clause(table, d, onConflict)}", ct).ConfigureAwait(false);
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
        var copy = $"COPY {name}{DdlText.ColumnList(d, table.Columns.Select(c => c.Name))} FROM STDIN (FORMAT BINARY)";
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
            await CancelAsync(stream).ConfigureAwait(false);
            throw;
        }
        await stream.DisposeAsync().ConfigureAwait(false);
        return written;
    }

    /// <summary>
    /// Closing a raw COPY FROM stream would end the COPY and keep what was sent: it is cancelled, so nothing is.
    /// The failure that got here is the one to report; a COPY the server already ended may refuse the cancel.
    /// </summary>
    internal static Task CancelAsync(NpgsqlRawCopyStream stream) => CancelAsync(stream.CancelAsync, stream);

    /// <summary>The same for a text COPY writer, or any COPY whose cancel is <paramref name="cancel"/>.</summary>
    internal static async Task CancelAsync(Func<Task> cancel, IAsyncDisposable copy)
    {
        try
        {
            await cancel().ConfigureAwait(false);
            await copy.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
        {
        }
    }
}

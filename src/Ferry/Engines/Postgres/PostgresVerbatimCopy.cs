using System.Buffers;
using Ferry.Schema;
using Npgsql;

namespace Ferry.Engines.Postgres;

/// <summary>
/// PostgreSQL to PostgreSQL: one table's rows as the source server writes them with
/// <c>COPY (SELECT …) TO STDOUT</c>, streamed through a small buffer into <c>COPY … FROM STDIN</c> on the
/// target. Nothing is decoded, so every value arrives as stored (numeric NaN, 'infinity', BC dates, enums,
/// money…) and memory stays flat whatever the table holds. The target's columns must be declared as the source's.
/// </summary>
internal static class PostgresVerbatimCopy
{
    private const int BufferBytes = 64 * 1024;

    // Below this, an object came with the server (initdb); at or above it, the database made it.
    private const int FirstNormalObjectId = 16384;

    public static Task<long> CopyAsync(NpgsqlConnection from, Table table, NpgsqlConnection to, Table into, OnConflict onConflict, CancellationToken ct) =>
        PostgresBulkWriter.IntoTableAsync(to, into, onConflict, name => StreamAsync(from, table, to, name, into, ct), ct);

    private static async Task<long> StreamAsync(NpgsqlConnection from, Table table, NpgsqlConnection to, string name, Table into, CancellationToken ct)
    {
        var d = AnsiDialect.Instance;
        var source = PostgresDdlWriter.Name(table);
        var binary = await BinarySafeAsync(from, source, table, ct).ConfigureAwait(false);
        // ONLY: an inheritance parent's own rows; its children are tables of their own. A sync reads only its window.
        var read = $"COPY (SELECT {string.Join(", ", table.Columns.Select(c => d.Quote(c.Name)))} FROM ONLY {source}{KeyOrder.Where(KeyOrder.Filter(table, d))}) TO STDOUT (FORMAT {(binary ? "BINARY" : "TEXT")})";
        var write = $"COPY {name} ({string.Join(", ", into.Columns.Select(c => d.Quote(c.Name)))}) FROM STDIN (FORMAT {(binary ? "BINARY" : "TEXT")})";
        return binary ? await BinaryAsync(from, read, to, write, ct).ConfigureAwait(false) : await TextAsync(from, read, to, write, ct).ConfigureAwait(false);
    }

    private static async Task<long> BinaryAsync(NpgsqlConnection from, string read, NpgsqlConnection to, string write, CancellationToken ct)
    {
        var counter = new CopyRowCounter();
        var output = await to.BeginRawBinaryCopyAsync(write, ct).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            var input = await from.BeginRawBinaryCopyAsync(read, ct).ConfigureAwait(false);
            await using (input.ConfigureAwait(false))
            {
                int n;
                while ((n = await input.ReadAsync(buffer.AsMemory(0, BufferBytes), ct).ConfigureAwait(false)) > 0)
                {
                    counter.Add(buffer.AsSpan(0, n));
                    await output.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            await PostgresBulkWriter.CancelAsync(output).ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        await output.DisposeAsync().ConfigureAwait(false);
        return counter.Rows;
    }

    /// <summary>
    /// Text format, as Npgsql hands it over: characters (both sessions speak UTF-8, so nothing is lost on
    /// the way). A row is a line: a newline inside a value is written as \n. Cancelled like the binary one.
    /// </summary>
    private static async Task<long> TextAsync(NpgsqlConnection from, string read, NpgsqlConnection to, string write, CancellationToken ct)
    {
        long rows = 0;
        var output = await to.BeginTextImportAsync(write, ct).ConfigureAwait(false);
        var buffer = ArrayPool<char>.Shared.Rent(BufferBytes);
        try
        {
            using var input = await from.BeginTextExportAsync(read, ct).ConfigureAwait(false);
            int n;
            while ((n = await input.ReadAsync(buffer.AsMemory(0, BufferBytes), ct).ConfigureAwait(false)) > 0)
            {
                rows += buffer.AsSpan(0, n).Count('\n');
                await output.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
            }
        }
        catch
        {
            await PostgresBulkWriter.CancelAsync(((NpgsqlCopyTextWriter)output).CancelAsync, output).ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
        await output.DisposeAsync().ConfigureAwait(false);
        return rows;
    }

    /// <summary>
    /// Binary COPY writes an array's element type and a record's field types as the source's object ids,
    /// which the target checks against its own: an array of an enum, or a composite, has another id there.
    /// Such a table goes in text format, which is exact too, only slower.
    /// </summary>
    private static async Task<bool> BinarySafeAsync(NpgsqlConnection from, string source, Table table, CancellationToken ct)
    {
        var d = AnsiDialect.Instance;
        var sql = "SELECT NOT EXISTS (SELECT 1 FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid " +
            $"WHERE a.attrelid = {d.QuoteLiteral(source)}::regclass AND a.attname = ANY (@columns) " +
            $"AND ((t.typcategory = 'A' AND t.typelem >= {FirstNormalObjectId}) OR t.typtype = 'c'))";
        await using var command = new NpgsqlCommand(sql, from);
        command.Parameters.AddWithValue("columns", table.Columns.Select(c => c.Name).ToArray());
        return (bool)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }
}

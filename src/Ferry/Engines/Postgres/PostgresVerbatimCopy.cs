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

    /// <summary>The name <see cref="ExportAsync"/> gives its format, which <see cref="ImportAsync"/> is given back.</summary>
    public const string Text = "postgres-copy-text";

    public static Task<long> CopyAsync(NpgsqlConnection from, Table table, NpgsqlConnection to, Table into, OnConflict onConflict, CancellationToken ct) =>
        PostgresBulkWriter.IntoTableAsync(to, into, onConflict, name => StreamAsync(from, table, to, name, into, ct), ct);

    private static async Task<long> StreamAsync(NpgsqlConnection from, Table table, NpgsqlConnection to, string name, Table into, CancellationToken ct)
    {
        var binary = await BinarySafeAsync(from, table, ct).ConfigureAwait(false);
        var (read, write) = (CopyOut(table, binary), CopyIn(name, into, binary));
        if (!binary)
        {
            // Text format, exact too, only slower: each row a line.
            using var text = await from.BeginTextExportAsync(read, ct).ConfigureAwait(false);
            return await TextInAsync(to, write, Bytes(text), ct).ConfigureAwait(false);
        }
        var input = await from.BeginRawBinaryCopyAsync(read, ct).ConfigureAwait(false);
        await using (input.ConfigureAwait(false))
            return await BinaryInAsync(to, write, input, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The table's rows as COPY writes them in text, into <paramref name="output"/> as UTF-8, as pg_dump keeps them:
    /// text names no object id of this database (binary does, for arrays of the database's own types), and it
    /// compresses to two thirds of binary's size. Says how many rows.
    /// </summary>
    public static async Task<BulkExport> ExportAsync(NpgsqlConnection from, Table table, Stream output, CancellationToken ct)
    {
        using var text = await from.BeginTextExportAsync(CopyOut(table, binary: false), ct).ConfigureAwait(false);
        long rows = 0;
        await PumpAsync(Bytes(text), output, bytes => rows += TextRowsIn(bytes), ct).ConfigureAwait(false);
        return new BulkExport(Text, rows);
    }

    /// <summary>Rows <see cref="ExportAsync"/> wrote in <paramref name="format"/>, from <paramref name="input"/> into <paramref name="into"/>; all or nothing.</summary>
    public static Task<long> ImportAsync(NpgsqlConnection to, Table into, string format, Stream input, OnConflict onConflict, CancellationToken ct) =>
        Imports(format)
            ? PostgresBulkWriter.IntoTableAsync(to, into, onConflict, name => TextInAsync(to, CopyIn(name, into, binary: false), input, ct), ct)
            : throw new ArgumentException($"PostgreSQL takes rows in {Text}, not {format}.", nameof(format));

    public static bool Imports(string format) => format == Text;

    /// <summary>COPY's text writes a row a line, a newline inside a value as the two characters \n.</summary>
    public static long TextRowsIn(ReadOnlySpan<byte> bytes) => bytes.Count((byte)'\n');

    /// <summary>
    /// Npgsql's text COPY reader and writer are a StreamReader and a StreamWriter over the COPY's own bytes, UTF-8 as the
    /// client_encoding Npgsql always sets: moved as bytes, the rows are not decoded to characters and encoded back.
    /// </summary>
    private static Stream Bytes(TextReader copy) =>
        copy is StreamReader { BaseStream: var bytes } ? bytes : throw NotOverBytes(copy);

    private static Stream Bytes(TextWriter copy) =>
        copy is StreamWriter { BaseStream: var bytes } ? bytes : throw NotOverBytes(copy);

    private static InvalidOperationException NotOverBytes(object copy) =>
        new($"Npgsql's text COPY is a {copy.GetType().Name}, not a stream reader or writer over its bytes; this Ferry was built for one that is.");

    // ONLY: an inheritance parent's own rows; its children are tables of their own. A sync reads only its window.
    private static string CopyOut(Table table, bool binary)
    {
        var d = AnsiDialect.Instance;
        return $"COPY (SELECT {string.Join(", ", table.Columns.Select(c => d.Quote(c.Name)))} FROM ONLY {PostgresDdlWriter.Name(table)}{KeyOrder.Where(KeyOrder.Filter(table, d))}) TO STDOUT (FORMAT {(binary ? "BINARY" : "TEXT")})";
    }

    private static string CopyIn(string name, Table into, bool binary) =>
        $"COPY {name}{DdlText.ColumnList(AnsiDialect.Instance, into.Columns.Select(c => c.Name))} FROM STDIN (FORMAT {(binary ? "BINARY" : "TEXT")})";

    /// <summary>Binary rows from <paramref name="input"/> into a COPY FROM STDIN, cancelled (keeping nothing) if the read fails.</summary>
    private static async Task<long> BinaryInAsync(NpgsqlConnection to, string write, Stream input, CancellationToken ct)
    {
        var counter = new CopyRowCounter();
        var output = await to.BeginRawBinaryCopyAsync(write, ct).ConfigureAwait(false);
        try
        {
            await PumpAsync(input, output, counter.Add, ct).ConfigureAwait(false);
        }
        catch
        {
            await PostgresBulkWriter.CancelAsync(output).ConfigureAwait(false);
            throw;
        }
        await output.DisposeAsync().ConfigureAwait(false);
        return counter.Rows;
    }

    /// <summary>Text rows (a row a line) from <paramref name="input"/> into a COPY FROM STDIN, cancelled like the binary ones.</summary>
    private static async Task<long> TextInAsync(NpgsqlConnection to, string write, Stream input, CancellationToken ct)
    {
        var writer = await to.BeginTextImportAsync(write, ct).ConfigureAwait(false);
        long rows = 0;
        try
        {
            await PumpAsync(input, Bytes(writer), bytes => rows += TextRowsIn(bytes), ct).ConfigureAwait(false);
        }
        catch
        {
            await PostgresBulkWriter.CancelAsync(((NpgsqlCopyTextWriter)writer).CancelAsync, writer).ConfigureAwait(false);
            throw;
        }
        await writer.DisposeAsync().ConfigureAwait(false);
        return rows;
    }

    private delegate void Passing(ReadOnlySpan<byte> bytes);

    private static async Task PumpAsync(Stream input, Stream output, Passing passing, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            int n;
            while ((n = await input.ReadAsync(buffer.AsMemory(0, BufferBytes), ct).ConfigureAwait(false)) > 0)
            {
                passing(buffer.AsSpan(0, n));
                await output.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Binary COPY writes an array's element type and a record's field types as the source's object ids,
    /// which the target checks against its own: an array of an enum, or a composite, has another id there.
    /// Such a table goes in text format, which is exact too, only slower.
    /// </summary>
    private static async Task<bool> BinarySafeAsync(NpgsqlConnection from, Table table, CancellationToken ct)
    {
        var d = AnsiDialect.Instance;
        var source = PostgresDdlWriter.Name(table);
        var sql = "SELECT NOT EXISTS (SELECT 1 FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid " +
            $"WHERE a.attrelid = {d.QuoteLiteral(source)}::regclass AND a.attname = ANY (@columns) " +
            $"AND ((t.typcategory = 'A' AND t.typelem >= {FirstNormalObjectId}) OR t.typtype = 'c'))";
        await using var command = new NpgsqlCommand(sql, from);
        command.Parameters.AddWithValue("columns", table.Columns.Select(c => c.Name).ToArray());
        return (bool)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }
}

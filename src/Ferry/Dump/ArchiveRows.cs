using System.Runtime.CompilerServices;
using System.Text;
using Ferry.Engines;
using Ferry.Errors;
using Ferry.Schema;
using Ferry.Values;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Ferry.Dump;

/// <summary>
/// A table's rows into an archive and back out: as values (<see cref="ArchiveValues"/>), or in the source engine's own
/// bulk format, handed out as a stream checked against the SHA-256 written with it.
/// </summary>
internal static class ArchiveRows
{
    /// <summary>
    /// zstd compresses on threads of its own while the rows are read and encoded: on 2 cores a PostgreSQL table dumps
    /// in 3.9 s where one thread takes 4.2 s. More than 4 gain nothing that reading keeps up with.
    /// </summary>
    private static readonly int Workers = Math.Min(Environment.ProcessorCount, 4) is > 1 and var n ? n : 0;
    private const int Buffer = 1 << 16;

    /// <summary>
    /// The columns an archive keeps of <paramref name="table"/>, in its order: those a copy reads. A generated column
    /// is computed again by the database restored into, as it is by the target of a copy within one engine.
    /// </summary>
    public static Table Kept(Table table) => table with { Columns = table.Columns.Where(c => c.GeneratedExpression is null).ToList() };

    /// <summary>
    /// Appends <paramref name="table"/>'s rows to the archive at <paramref name="file"/>'s position, in the source's own
    /// bulk format where it has one, else as values read <paramref name="read"/>; says where they are.
    /// </summary>
    public static async Task<ArchivedTable> WriteAsync(FileStream file, Table table, IRowSource source, RowReadOptions read, int level, CancellationToken ct)
    {
        table = Kept(table);
        var offset = file.Position;
        BulkExport written;
        using var segment = ArchiveSegment.Writing(file);
        await using (var zstd = new CompressionStream(segment, level, leaveOpen: true))
        {
            // zstd's own checksum of the content: a damaged frame is refused by the decoder itself.
            zstd.SetParameter(ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
            if (Workers > 0) zstd.SetParameter(ZSTD_cParameter.ZSTD_c_nbWorkers, Workers);
            await using var buffered = new BufferedStream(zstd, Buffer);
            written = await source.ExportBulkAsync(table, buffered, ct).ConfigureAwait(false)
                ?? new BulkExport(ArchivedTable.Values, await WriteValuesAsync(buffered, table, source.ReadRowsAsync(table, read, ct), ct).ConfigureAwait(false));
        }
        return new ArchivedTable(table.Schema, table.Name, written.Format, written.Rows, offset, segment.Passed, segment.Sha256());
    }

    private static async Task<long> WriteValuesAsync(Stream output, Table table, IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        long count = 0;
        await using var writer = new BinaryWriter(output, ArchiveValues.Utf8, leaveOpen: true);
        await foreach (var row in rows.WithCancellation(ct).ConfigureAwait(false))
        {
            for (var i = 0; i < row.Length; i++)
            {
                bool written;
                try
                {
                    written = ArchiveValues.TryWrite(writer, row[i]);
                }
                catch (EncoderFallbackException)
                {
                    throw Refused(table, row, i, "its text holds half of a UTF-16 surrogate pair, which no UTF-8 text can hold");
                }
                if (!written) throw Refused(table, row, i, $"the archive has no form for a value of {row[i]!.GetType().Name}");
            }
            count++;
        }
        return count;
    }

    /// <summary>
    /// The stored bytes of <paramref name="entry"/> decompressed (an engine's bulk rows, or values), checked before the
    /// first byte is handed out and again as they are read: the stream fails at its end, before it says it has ended,
    /// when they are not the bytes the dump wrote.
    /// </summary>
    public static async Task<Stream> OpenBulkAsync(string path, ArchivedTable entry, CancellationToken ct)
    {
        await CheckStoredAsync(path, entry, ct).ConfigureAwait(false);
        return new CheckedBulk(path, entry);
    }

    /// <summary>
    /// The rows of <paramref name="entry"/>, checked as they are read: a damaged or cut stream, a row too many or too
    /// few, or bytes that do not match their SHA-256 stop the read with a sentence naming the table, before the
    /// enumeration ends, so a load that takes these rows all or nothing keeps none of them.
    /// </summary>
    public static async IAsyncEnumerable<object?[]> ReadAsync(string path, ArchivedTable entry, int columns, [EnumeratorCancellation] CancellationToken ct)
    {
        if (entry.Format != ArchivedTable.Values)
            throw new FerryException(FerryErrorKind.Usage, $"{Path.GetFileName(path)} holds the rows of {entry.QualifiedName} in {entry.Format}, which only that engine reads back.");
        await using var stream = await OpenBulkAsync(path, entry, ct).ConfigureAwait(false);
        using var reader = new BinaryReader(stream, ArchiveValues.Utf8, leaveOpen: true);
        for (long r = 0; r < entry.Rows; r++)
        {
            ct.ThrowIfCancellationRequested();
            yield return Row(reader, columns, path, entry, r);
        }
        // The stream ends after the last row; reaching its end checks the bytes that held them.
        if (reader.BaseStream.ReadByte() != -1)
            throw Damaged(path, entry, $"its rows go on past the {entry.Rows:N0} its table of contents counts");
    }

    private static object?[] Row(BinaryReader reader, int columns, string path, ArchivedTable entry, long index)
    {
        var row = new object?[columns];
        try
        {
            for (var i = 0; i < columns; i++) row[i] = ArchiveValues.Read(reader);
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw Damaged(path, entry, $"row {index + 1:N0} of {entry.Rows:N0} cannot be read ({Reason(e)})");
        }
        return row;
    }

    /// <summary>
    /// Reads the table's stored bytes once through before any row is handed out: a damaged byte can decode into a value
    /// that looks whole, which the target might take or refuse for a reason of its own, so the damage is found first.
    /// The read that follows checks them again as they pass, against a file changed meanwhile.
    /// </summary>
    private static async Task CheckStoredAsync(string path, ArchivedTable entry, CancellationToken ct)
    {
        await using var file = ArchiveFile.Open(path);
        using var segment = ArchiveSegment.Reading(file, entry);
        try
        {
            await segment.CopyToAsync(Stream.Null, Buffer, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw Damaged(path, entry, $"they cannot be read ({Reason(e)})");
        }
        Verify(segment, path, entry);
    }

    private static void Verify(ArchiveSegment segment, string path, ArchivedTable entry)
    {
        if (!segment.AtEnd || segment.Sha256() != entry.Sha256)
            throw Damaged(path, entry, "its bytes do not match the SHA-256 written with them");
    }

    /// <summary>A table's decompressed bulk rows, whose end is reached only once their bytes have been checked.</summary>
    private sealed class CheckedBulk : ForwardStream
    {
        private readonly string _path;
        private readonly ArchivedTable _entry;
        private readonly FileStream _file;
        private readonly ArchiveSegment _segment;
        private readonly DecompressionStream _zstd;
        private bool _checked;

        public CheckedBulk(string path, ArchivedTable entry)
        {
            (_path, _entry) = (path, entry);
            _file = ArchiveFile.Open(path);
            _segment = ArchiveSegment.Reading(_file, entry);
            _zstd = new DecompressionStream(_segment, Buffer, checkEndOfStream: true, leaveOpen: true);
        }

        public override int Read(Span<byte> buffer)
        {
            int read;
            try
            {
                read = _zstd.Read(buffer);
            }
            catch (Exception e) when (IsDamage(e))
            {
                throw Damaged(_path, _entry, $"its stream cannot be read ({Reason(e)})");
            }
            if (read == 0 && !_checked)
            {
                Verify(_segment, _path, _entry);
                _checked = true;
            }
            return read;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(Read(buffer.Span));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _zstd.Dispose();
                _segment.Dispose();
                _file.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    private static bool IsDamage(Exception e) =>
        e is InvalidDataException or EndOfStreamException or ZstdException or DecoderFallbackException or ArgumentOutOfRangeException or FormatException or IOException;

    private static string Reason(Exception e) => e switch
    {
        EndOfStreamException => "the data ends too soon",
        ZstdException => "the compressed data is damaged",
        DecoderFallbackException => "a text is not UTF-8",
        _ => e.Message.TrimEnd('.'),
    };

    private static FerryException Damaged(string path, ArchivedTable entry, string what) =>
        ArchiveFile.Damaged($"{Path.GetFileName(path)} is damaged: the rows of {entry.QualifiedName} cannot be trusted: {what}.");

    private static FerryException Refused(Table table, object?[] row, int column, string reason)
    {
        // The key's columns the row holds (a generated key column is not kept, so not read), written as a copy names a row.
        var names = table.Columns.Select(c => c.Name).ToList();
        var key = table.PrimaryKey is { Columns.Count: > 0 } pk
            ? " key (" + string.Join(", ", pk.Columns.Select(c => (Name: c, At: names.IndexOf(c))).Where(k => k.At >= 0)
                .Select(k => $"{k.Name}={(row[k.At] is { } v ? ValueText.Of(v) : "")}")) + ")"
            : "";
        return new FerryException(FerryErrorKind.Failed, $"{table.QualifiedName}{key} column {table.Columns[column].Name}: {reason}.");
    }
}

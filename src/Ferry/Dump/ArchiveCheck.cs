using System.Buffers;
using Ferry.Engines;

namespace Ferry.Dump;

/// <summary>
/// Proves an archive without a database to restore it into: every table's bytes read and checked against their
/// SHA-256, decompressed (zstd checks its own content checksum), every row decoded (or, in an engine's bulk format,
/// counted), and the rows counted against the table of contents. What it cannot prove is that a database of the
/// archive's kind takes the schema back; a restore does that.
/// </summary>
public static class ArchiveCheck
{
    public sealed record Result(ArchiveManifest Manifest, long Bytes, TimeSpan Elapsed);

    public static async Task<Result> RunAsync(string path, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var manifest = ArchiveFile.ReadManifest(path);
        foreach (var entry in manifest.Tables)
        {
            var rows = entry.Format == ArchivedTable.Values
                ? await CountValuesAsync(path, entry, ArchiveRows.Kept(manifest.TableOf(entry)!).Columns.Count, ct).ConfigureAwait(false)
                : await CountBulkAsync(path, entry, ct).ConfigureAwait(false);
            if (rows != entry.Rows)
                throw ArchiveFile.Damaged($"{Path.GetFileName(path)} is damaged: {entry.QualifiedName} holds {rows:N0} rows where its table of contents counts {entry.Rows:N0}.");
        }
        return new Result(manifest, new FileInfo(path).Length, clock.Elapsed);
    }

    /// <summary>Each row decoded value by value; the read itself refuses a row too many or too few.</summary>
    private static async Task<long> CountValuesAsync(string path, ArchivedTable entry, int columns, CancellationToken ct)
    {
        long rows = 0;
        await foreach (var _ in ArchiveRows.ReadAsync(path, entry, columns, ct).ConfigureAwait(false)) rows++;
        return rows;
    }

    /// <summary>An engine's bulk format, its rows counted as that format counts them (<see cref="BulkFormats"/>).</summary>
    private static async Task<long> CountBulkAsync(string path, ArchivedTable entry, CancellationToken ct)
    {
        var rowsIn = BulkFormats.Counter(entry.Format)
            ?? throw ArchiveFile.Damaged($"{Path.GetFileName(path)} holds the rows of {entry.QualifiedName} in {entry.Format}, a format this Ferry does not know; it may come from a newer Ferry.");
        await using var input = await ArchiveRows.OpenBulkAsync(path, entry, ct).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            long rows = 0;
            int n;
            while ((n = await input.ReadAsync(buffer.AsMemory(0, 1 << 16), ct).ConfigureAwait(false)) > 0)
                rows += rowsIn(buffer.AsSpan(0, n));
            return rows;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

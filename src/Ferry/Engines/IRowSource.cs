using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Engines;

/// <summary>
/// Where rows come from, a table at a time, streamed with memory bounded whatever the table holds: a
/// database, and later an archive or a change feed.
/// </summary>
public interface IRowSource
{
    /// <summary>
    /// Streams every row of <paramref name="table"/>, its columns in model order, without holding the
    /// table in memory: integers as long, reals as double, text as string, blobs as byte[], NULL as null,
    /// and each engine's exact readings (see <see cref="Values"/>); a SQLite text that is not valid UTF-8
    /// arrives as <see cref="InvalidText"/> so the copy can refuse it by name.
    /// </summary>
    IAsyncEnumerable<object?[]> ReadRowsAsync(Table table, CancellationToken cancellationToken);

    /// <summary>The same, handing over values as <paramref name="read"/> allows.</summary>
    IAsyncEnumerable<object?[]> ReadRowsAsync(Table table, RowReadOptions read, CancellationToken cancellationToken) =>
        ReadRowsAsync(table, cancellationToken);

    /// <summary>
    /// True when rows can go from this source into <paramref name="target"/> in the engine's own wire
    /// format, never decoded: both ends the same engine, and a target table declared as the source's.
    /// </summary>
    bool CopiesVerbatimTo(IRowSink target) => false;

    /// <summary>
    /// Moves every row of <paramref name="table"/> into the target's <paramref name="into"/> (its columns in the
    /// same order) as the engine stores them, with memory bounded whatever the table holds; all or nothing, as
    /// <see cref="IRowSink.WriteRowsAsync(Table, IAsyncEnumerable{object?[]}, BulkWriteOptions, CancellationToken)"/>.
    /// Returns the rows sent. Only where <see cref="CopiesVerbatimTo"/> says so.
    /// </summary>
    Task<long> CopyVerbatimAsync(Table table, IRowSink target, Table into, BulkWriteOptions write, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This source cannot copy rows verbatim into that target.");
    /// <summary>
    /// Writes every row of <paramref name="table"/> to <paramref name="output"/> in the engine's own bulk format (PostgreSQL's
    /// COPY), never decoded, and says which and how many rows; null, writing nothing, for an engine without one a file
    /// can hold, whose rows are read as values instead. What a database of the same engine takes back exactly.
    /// </summary>
    Task<BulkExport?> ExportBulkAsync(Table table, Stream output, CancellationToken cancellationToken) => Task.FromResult<BulkExport?>(null);
}

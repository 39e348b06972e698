using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Engines;

/// <summary>
/// Where rows go, a table at a time, in bulk and all or nothing: a database, and later an archive or a
/// verifier that hashes what it is given.
/// </summary>
public interface IRowSink
{
    /// <summary>True when <see cref="WriteRowsAsync(Table, IAsyncEnumerable{object?[]}, CancellationToken)"/> takes a <see cref="Utf8Text"/> wherever it takes a string.</summary>
    bool WritesUtf8Text => false;

    /// <summary>
    /// Loads rows into an existing table through the engine's bulk path, all or nothing, and returns
    /// how many were written. Values are already converted to the CLR type of each column's
    /// <see cref="Column.Type"/> (bool, long, decimal, double, string, byte[], DateOnly, TimeOnly, DateTime).
    /// </summary>
    Task<long> WriteRowsAsync(Table table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken);

    /// <summary>
    /// The same, deciding what happens to rows whose primary or unique key the table already holds, and
    /// how many rows go in one request; still all or nothing. Returns the rows sent: the caller counts
    /// what the table gained.
    /// </summary>
    Task<long> WriteRowsAsync(Table table, IAsyncEnumerable<object?[]> rows, BulkWriteOptions write, CancellationToken cancellationToken);
    /// <summary>True when <see cref="ImportBulkAsync"/> takes rows written in <paramref name="format"/> by <see cref="IRowSource.ExportBulkAsync"/>.</summary>
    bool ImportsBulk(string format) => false;

    /// <summary>
    /// Loads rows that <see cref="IRowSource.ExportBulkAsync"/> wrote in <paramref name="format"/> into <paramref name="into"/>
    /// (its columns in the same order), read from <paramref name="input"/> to its end; all or nothing, as
    /// <see cref="WriteRowsAsync(Table, IAsyncEnumerable{object?[]}, BulkWriteOptions, CancellationToken)"/>: a read that
    /// fails, the end included, keeps nothing. Returns the rows sent. Only where <see cref="ImportsBulk"/> says so.
    /// </summary>
    Task<long> ImportBulkAsync(Table into, string format, Stream input, BulkWriteOptions write, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"This target does not take rows in {format}.");
}

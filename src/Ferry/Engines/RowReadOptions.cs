using Ferry.Values;
namespace Ferry.Engines;

/// <summary>How <see cref="IRowSource.ReadRowsAsync(Schema.Table, RowReadOptions, CancellationToken)"/> hands over values.</summary>
public sealed record RowReadOptions
{
    public static RowReadOptions Default { get; } = new();

    /// <summary>
    /// Texts may arrive as <see cref="Utf8Text"/> instead of string, where the engine stores UTF-8 and
    /// can skip the decoding (SQLite); for a target whose <see cref="IRowSink.WritesUtf8Text"/> is true.
    /// </summary>
    public bool TextAsUtf8 { get; init; }

    /// <summary>
    /// Every value exactly as stored, for a copy between engines of SQLite's storage model: a text that
    /// is not valid UTF-8 as <see cref="InvalidText"/>, reals infinite or not. An engine whose plain
    /// reading cannot carry such values (libSQL's JSON) reads them another way.
    /// </summary>
    public bool Verbatim { get; init; }

    /// <summary>
    /// Rows in the order of the primary key compared value by value, texts by their UTF-8 bytes, whatever
    /// the column's collation (see <see cref="KeyOrder"/>): the order in which verify merges two sides.
    /// A table without a primary key comes unordered.
    /// </summary>
    public bool OrderedByKey { get; init; }

    /// <summary>Only the rows whose primary key lies in this range (verify's bisection), compared column by column as <see cref="KeyOrder"/> orders.</summary>
    public KeyRange? Within { get; init; }
}

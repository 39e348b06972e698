namespace Ferry.Engines;

/// <summary>
/// A stretch of a table's primary key, from the key <see cref="From"/> (included) to the key <see cref="Until"/>
/// (not included), in <see cref="KeyOrder"/>'s order: column by column, as a row-value comparison orders. A key
/// is one value per primary key column, or its first values only (an end before every key they begin, as an
/// integer first column is split); a null end is open. NULL sorts first, so an open start also takes the
/// NULL keys SQLite lets a key column hold, and every range ending at a key takes a key whose column is NULL
/// where that key's is not. Ends hold integers, texts or uuids, which every engine compares alike, or on a
/// same-engine pair decimals, dates or timestamps (see <see cref="KeyOrder.Literal"/>).
/// </summary>
public sealed record KeyRange(object[]? From, object[]? Until)
{
    public static KeyRange All { get; } = new(null, null);
}

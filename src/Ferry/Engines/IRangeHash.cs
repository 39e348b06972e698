using Ferry.Schema;

namespace Ferry.Engines;

/// <summary>
/// How an engine sums the rows of a key range in SQL, so verify's bisection moves hashes instead of rows:
/// each value written as its <see cref="Values.HashText"/>, a row hashed with MD5, the first 64 bits summed.
/// An engine without MD5 in SQL (SQLite, libSQL) writes no column, and its side is streamed and hashed by Ferry.
/// </summary>
public interface IRangeHash
{
    /// <summary>
    /// SQL that writes a non-NULL value of <paramref name="column"/> as its hash text without the comma, for the
    /// kind its own type has (<see cref="Values.HashText.KindOf"/>); null when this engine cannot write it exactly.
    /// </summary>
    string? Text(Column column, ISqlDialect dialect);

    /// <summary>SQL joining texts into one.</summary>
    string Concat(IReadOnlyList<string> parts);

    /// <summary>The aggregate: the sum, as exact decimal text, of the first 64 bits of the MD5 of <paramref name="rowText"/> read as a number.</summary>
    string Sum64(string rowText);

    /// <summary>A key column as <see cref="KeyOrder"/> compares it: by value, or a text by its bytes whatever its collation.</summary>
    string ByBytes(Column column, ISqlDialect dialect);

    /// <summary>
    /// A condition that holds for each value of key <paramref name="column"/> (a uuid, a decimal, a date or a timestamp)
    /// that this engine's SQL compares with the literal of the value a key query reads (<see cref="KeyOrder.Literal"/>)
    /// as <see cref="Values.CanonicalOrder"/> orders the value its row reader gives: a uuid as its bytes, a number or
    /// a time by value. Null when no value is so compared. Bisection splits such a key only where every key meets it;
    /// anywhere else it merges the table whole.
    /// </summary>
    string? KeyCheck(Column column, ISqlDialect dialect);

    /// <summary>What a query names to read the table's own rows.</summary>
    string From(Table table, ISqlDialect dialect);
}

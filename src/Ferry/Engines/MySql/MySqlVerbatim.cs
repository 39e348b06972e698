using Ferry.Schema;

namespace Ferry.Engines.MySql;

/// <summary>
/// How a MySQL-to-MySQL copy carries each value as stored: read as the bytes of its own text (a BIT,
/// ENUM or SET as its number, a FLOAT as the 17 digits of its double), written back from those bytes by
/// the same rules the server used to store the source's. No value passes through a CLR type on the way.
/// </summary>
internal static class MySqlVerbatim
{
    /// <summary>
    /// The writing session for such a load: the source held zero dates ('0000-00-00'), partial ones
    /// ('2024-00-00') and, under ALLOW_INVALID_DATES, invalid ones ('2024-02-30'); the target takes them
    /// as the source did. Not strict, so that nothing the source holds is refused by mode alone: any value
    /// the server still changes raises a warning, and the load fails on any warning (see MySqlBulkWriter).
    /// </summary>
    public const string SqlMode =
        "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(REPLACE(REPLACE(REPLACE(REPLACE(CONCAT(',', @@SESSION.sql_mode, ','), " +
        "',STRICT_TRANS_TABLES,', ','), ',STRICT_ALL_TABLES,', ','), ',NO_ZERO_DATE,', ','), ',NO_ZERO_IN_DATE,', ','), ','), 'ALLOW_INVALID_DATES')";

    /// <summary>The select-list expression that reads <paramref name="column"/>'s value as the bytes of its exact text.</summary>
    public static string Select(Column column, ISqlDialect dialect)
    {
        var name = dialect.Quote(column.Name);
        return DataType(column) switch
        {
            // Their text is the bits as bytes, or a member's name; the number says the same in digits.
            "BIT" or "ENUM" or "SET" => $"CAST({name} + 0 AS BINARY)",
            // FLOAT's own text has 6 digits; times 1e0 it is a DOUBLE (with 17, and a -0 kept), which a FLOAT stores back exactly.
            "FLOAT" => $"CAST({name} * 1e0 AS BINARY)",
            _ => $"CAST({name} AS BINARY)",
        };
    }

    /// <summary>The LOAD DATA assignment that stores the hex of those bytes, read into <paramref name="variable"/>, back into the column.</summary>
    public static string Load(Column column, string variable, ISqlDialect dialect)
    {
        var bytes = $"UNHEX({variable})";
        var value = DataType(column) switch
        {
            // A number into BIT is its bits, into ENUM its member's index, into SET its members' bitmap.
            "BIT" or "ENUM" or "SET" => $"CAST({bytes} AS UNSIGNED)",
            // MySQL's JSON refuses a binary string; its text is UTF-8. (MariaDB's json is longtext.)
            "JSON" => $"CONVERT({bytes} USING utf8mb4)",
            // Bytes into a text column are taken as that column's character set: the source's own.
            _ => bytes,
        };
        return $"{dialect.Quote(column.Name)} = {value}";
    }

    /// <summary>
    /// An ENUM holds '' (index 0) for a string it does not list, and its verbatim text is "0". MySQL stores
    /// that index back as it was, but only with warning 1265, one per value: the load expects exactly those.
    /// </summary>
    public static bool IsEnum(Column column) => DataType(column) == "ENUM";

    public static bool IsEnumErrorValue(object? value) => value is byte[] { Length: 1 } bytes && bytes[0] == (byte)'0';

    /// <summary>The type's name as COLUMN_TYPE starts with it: <c>bit(13)</c> is BIT, <c>float unsigned</c> FLOAT.</summary>
    private static string DataType(Column column)
    {
        var declared = column.DeclaredType;
        var end = declared.IndexOfAny(['(', ' ']);
        return (end < 0 ? declared : declared[..end]).ToUpperInvariant();
    }
}

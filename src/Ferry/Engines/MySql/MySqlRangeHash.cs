using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Engines.MySql;

/// <summary>
/// MySQL and MariaDB write each <see cref="HashText"/> in SQL for integers, decimals (trailing zeros of the
/// scale trimmed), booleans, texts as UTF-8 (CONVERT, whatever the column's character set; the bytes, not
/// the collation, so a case or a trailing space counts), binary strings, DATETIME and TIMESTAMP (the session
/// runs in UTC) to the microsecond, dates and MariaDB's uuid. Floats are left to Ferry.
/// </summary>
internal sealed class MySqlRangeHash : IRangeHash
{
    public static readonly MySqlRangeHash Instance = new();

    public string? Text(Column column, ISqlDialect dialect)
    {
        var q = dialect.Quote(column.Name);
        var name = BareName(column);
        var utf8 = $"CONVERT({q} USING utf8mb4)";
        return HashText.KindOf(column.Type) switch
        {
            HashKind.Number when name is "tinyint" or "smallint" or "mediumint" or "int" or "integer" or "bigint" or "year" => $"CAST({q} AS CHAR)",
            HashKind.Number when name is "decimal" or "numeric" => column.Scale is > 0
                ? $"TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM CAST({q} AS CHAR)))"
                : $"CAST({q} AS CHAR)",
            HashKind.Boolean when name is "tinyint" or "bool" or "boolean" => $"CAST({q} AS CHAR)",
            HashKind.Text when name is "varchar" or "char" or "text" or "tinytext" or "mediumtext" or "longtext" =>
                $"CONCAT(OCTET_LENGTH({utf8}), ':', {utf8})",
            HashKind.Bytes when name is "binary" or "varbinary" or "blob" or "tinyblob" or "mediumblob" or "longblob" => $"LOWER(HEX({q}))",
            // A zero date has no distance from the epoch: NULL, so it is written as itself after a '!'.
            HashKind.Timestamp when name is "datetime" or "timestamp" =>
                $"COALESCE(CAST(TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', {q}) AS CHAR), CONCAT('!', CAST({q} AS CHAR)))",
            HashKind.Date when name is "date" => $"COALESCE(CAST(DATEDIFF({q}, '1970-01-01') AS CHAR), CONCAT('!', CAST({q} AS CHAR)))",
            HashKind.Uuid when name is "uuid" => $"CAST({q} AS CHAR)",
            _ => null,
        };
    }

    public string Concat(IReadOnlyList<string> parts) => $"CONCAT({string.Join(", ", parts)})";

    /// <summary>CAST AS UNSIGNED before SUM: a sum of CONV's texts would be a double, rounded.</summary>
    public string Sum64(string rowText) =>
        $"CAST(SUM(CAST(CONV(SUBSTRING(MD5(CONVERT({rowText} USING utf8mb4)), 1, 16), 16, 10) AS UNSIGNED)) AS CHAR)";

    /// <summary>
    /// A text key sorted by its bytes, not by its collation (which may ignore case, accents or trailing spaces); a
    /// MariaDB uuid by its 16 bytes, its text's order, not by the swapped groups its own order compares.
    /// </summary>
    public string ByBytes(Column column, ISqlDialect dialect) =>
        KeyOrder.IsText(column) || column.Type == NeutralType.Uuid ? $"CAST({dialect.Quote(column.Name)} AS BINARY)" : dialect.Quote(column.Name);

    /// <summary>
    /// A decimal whose text a decimal holds (at most 28 characters, as <see cref="MySqlValues"/> reads it), compared
    /// with an unquoted number: exactly, not as a double as a quoted one would be. Not MariaDB's uuid, which sorts its
    /// groups in another order than its text (time-ordered uuids first by time); not a date or a time, which a same-engine
    /// pair reads as the text MySQL writes and a key query as a DateTime, compared apart.
    /// </summary>
    public string? KeyCheck(Column column, ISqlDialect dialect) =>
        BareName(column) is "decimal" or "numeric" ? $"LENGTH(CAST({dialect.Quote(column.Name)} AS CHAR)) <= 28" : null;

    public string From(Table table, ISqlDialect dialect) => dialect.Quote(table.Name);

    /// <summary>The declared type's name without its length, sign or character set: <c>decimal(12,3) unsigned</c> is <c>decimal</c>.</summary>
    private static string BareName(Column column) => column.DeclaredType.ToLowerInvariant().Split('(', ' ')[0];
}

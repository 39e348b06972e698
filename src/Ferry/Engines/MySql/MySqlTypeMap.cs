using Ferry.Schema;

namespace Ferry.Engines.MySql;

/// <summary>
/// What a MySQL/MariaDB column type means, from <c>information_schema.COLUMNS</c>: <c>DATA_TYPE</c>
/// (the bare name) picks the neutral type, <c>COLUMN_TYPE</c> (the full declaration) refines it
/// where MySQL packs meaning into modifiers: <c>tinyint(1)</c> is how MySQL spells BOOLEAN, and
/// <c>unsigned</c> doubles an integer's range.
/// </summary>
public static class MySqlTypeMap
{
    private static readonly Dictionary<string, NeutralType> ByDataType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tinyint"] = NeutralType.Int16, ["smallint"] = NeutralType.Int16,
        ["mediumint"] = NeutralType.Int32, ["int"] = NeutralType.Int32, ["integer"] = NeutralType.Int32,
        ["bigint"] = NeutralType.Int64,
        // YEAR holds 1901..2155 (or 0000): a small integer, not a date.
        ["year"] = NeutralType.Int16,
        ["decimal"] = NeutralType.Decimal, ["numeric"] = NeutralType.Decimal,
        ["float"] = NeutralType.Float32, ["double"] = NeutralType.Float64, ["real"] = NeutralType.Float64,
        ["char"] = NeutralType.Text, ["varchar"] = NeutralType.Text,
        ["tinytext"] = NeutralType.Text, ["text"] = NeutralType.Text, ["mediumtext"] = NeutralType.Text, ["longtext"] = NeutralType.Text,
        ["binary"] = NeutralType.Blob, ["varbinary"] = NeutralType.Blob,
        ["tinyblob"] = NeutralType.Blob, ["blob"] = NeutralType.Blob, ["mediumblob"] = NeutralType.Blob, ["longblob"] = NeutralType.Blob,
        ["date"] = NeutralType.Date, ["time"] = NeutralType.Time,
        // DATETIME stores the wall-clock value it is given. TIMESTAMP stores UTC and converts to and
        // from the session's time_zone on every read and write: an instant, so TimestampTz.
        ["datetime"] = NeutralType.Timestamp, ["timestamp"] = NeutralType.TimestampTz,
        // MySQL 8's native JSON. MariaDB's json is longtext plus a JSON_VALID check: see ToNeutral.
        ["json"] = NeutralType.Json,
        // MariaDB 10.7+.
        ["uuid"] = NeutralType.Uuid,
        // Engine-only kinds: enum, set, bit, geometry and its subtypes, inet4/inet6 fall through to Other.
    };

    // Unsigned integers need the next wider type to hold their top half. Unsigned bigint has no
    // wider integer (up to 2^64-1), so it becomes Decimal rather than silently wrapping negative.
    private static readonly Dictionary<string, NeutralType> UnsignedByDataType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tinyint"] = NeutralType.Int16, ["smallint"] = NeutralType.Int32, ["mediumint"] = NeutralType.Int32,
        ["int"] = NeutralType.Int64, ["integer"] = NeutralType.Int64, ["bigint"] = NeutralType.Decimal,
    };

    /// <param name="dataType"><c>DATA_TYPE</c>, e.g. <c>int</c>.</param>
    /// <param name="columnType"><c>COLUMN_TYPE</c>, e.g. <c>int(10) unsigned</c>.</param>
    /// <param name="hasJsonCheck">MariaDB: the column carries the implicit <c>CHECK (json_valid(col))</c> its <c>json</c> type adds.</param>
    public static NeutralType ToNeutral(string dataType, string columnType, bool hasJsonCheck = false)
    {
        var type = columnType.Trim().ToLowerInvariant();
        if (type == "tinyint(1)") return NeutralType.Boolean;
        if (hasJsonCheck && dataType.Equals("longtext", StringComparison.OrdinalIgnoreCase)) return NeutralType.Json;
        if (type.Contains(" unsigned", StringComparison.Ordinal) && UnsignedByDataType.TryGetValue(dataType, out var wider)) return wider;
        return ByDataType.TryGetValue(dataType, out var neutral) ? neutral : NeutralType.Other;
    }
}

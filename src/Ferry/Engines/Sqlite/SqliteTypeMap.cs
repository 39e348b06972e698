using Ferry.Schema;

namespace Ferry.Engines.Sqlite;

/// <summary>
/// What a SQLite declared type means. SQLite accepts any name and stores any value anywhere, so this
/// is the <em>declared intent</em>; the copy profiles the stored values before trusting it. Names
/// are matched first, then SQLite's own affinity rules (section 3.1 of its datatype documentation).
/// </summary>
public static class SqliteTypeMap
{
    // Checked in order: a name here wins over affinity (DATETIME would otherwise be NUMERIC, POINT INTEGER).
    private static readonly (string Name, NeutralType Type)[] Names =
    [
        ("BOOLEAN", NeutralType.Boolean), ("BOOL", NeutralType.Boolean),
        ("TIMESTAMPTZ", NeutralType.TimestampTz), ("TIMESTAMP WITH TIME ZONE", NeutralType.TimestampTz),
        ("DATETIME", NeutralType.Timestamp), ("TIMESTAMP", NeutralType.Timestamp),
        ("DATE", NeutralType.Date), ("TIME", NeutralType.Time),
        ("JSONB", NeutralType.Json), ("JSON", NeutralType.Json),
        ("UUID", NeutralType.Uuid), ("GUID", NeutralType.Uuid),
        ("TINYINT", NeutralType.Int16), ("SMALLINT", NeutralType.Int16), ("INT2", NeutralType.Int16),
        ("MEDIUMINT", NeutralType.Int32), ("INT4", NeutralType.Int32),
        ("DECIMAL", NeutralType.Decimal), ("NUMERIC", NeutralType.Decimal),
        ("FLOAT4", NeutralType.Float32),
    ];

    public static NeutralType ToNeutral(string declared)
    {
        var upper = declared.Trim().ToUpperInvariant();
        var paren = upper.IndexOf('(');
        var bare = (paren < 0 ? upper : upper[..paren]).Trim();
        foreach (var (name, type) in Names)
            if (bare == name) return type;

        // SQLite's affinity rules, in SQLite's order.
        if (upper.Contains("INT", StringComparison.Ordinal)) return NeutralType.Int64;
        if (upper.Contains("CHAR", StringComparison.Ordinal) || upper.Contains("CLOB", StringComparison.Ordinal) || upper.Contains("TEXT", StringComparison.Ordinal)) return NeutralType.Text;
        if (upper.Contains("BLOB", StringComparison.Ordinal)) return NeutralType.Blob;
        if (upper.Length == 0) return NeutralType.Unknown;
        if (upper.Contains("REAL", StringComparison.Ordinal) || upper.Contains("FLOA", StringComparison.Ordinal) || upper.Contains("DOUB", StringComparison.Ordinal)) return NeutralType.Float64;
        return NeutralType.Decimal; // NUMERIC affinity
    }
}

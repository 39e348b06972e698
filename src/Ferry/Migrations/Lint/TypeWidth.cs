using Ferry.Schema;

namespace Ferry.Migrations.Lint;

/// <summary>
/// Whether a column's new type may not hold every value its old type can: a shorter text, a smaller
/// integer, fewer digits or decimals, a float for an exact number, or another kind altogether (text into a
/// number). Any type into an unbounded text holds its values as text, and a same-kind type at least as
/// wide holds them as they are.
/// </summary>
internal static class TypeWidth
{
    private enum Kind { Integer, Text, Binary, Decimal, Float, Other }

    private sealed record Shape(Kind Kind, string Base, long Size, int Scale, bool Unsigned);

    private static readonly Dictionary<string, int> IntegerBytes = new(StringComparer.Ordinal)
    {
        ["tinyint"] = 1, ["int1"] = 1, ["smallint"] = 2, ["int2"] = 2, ["smallserial"] = 2, ["serial2"] = 2, ["mediumint"] = 3,
        ["int"] = 4, ["integer"] = 4, ["int4"] = 4, ["serial"] = 4, ["serial4"] = 4, ["bigint"] = 8, ["int8"] = 8, ["bigserial"] = 8, ["serial8"] = 8,
    };

    /// <summary>Decimal digits each integer width needs.</summary>
    private static readonly Dictionary<int, int> IntegerDigits = new() { [1] = 3, [2] = 5, [3] = 8, [4] = 10, [8] = 19 };

    private static readonly HashSet<string> BoundedTexts = new(StringComparer.Ordinal)
        { "char", "character", "varchar", "character varying", "nchar", "nvarchar", "bpchar", "national character", "national character varying" };

    private static readonly Dictionary<string, long> Texts = new(StringComparer.Ordinal)
        { ["text"] = long.MaxValue, ["longtext"] = long.MaxValue, ["mediumtext"] = 16_777_215, ["tinytext"] = 255, ["clob"] = long.MaxValue, ["citext"] = long.MaxValue };

    private static readonly Dictionary<string, long> Binaries = new(StringComparer.Ordinal)
        { ["bytea"] = long.MaxValue, ["blob"] = long.MaxValue, ["longblob"] = long.MaxValue, ["mediumblob"] = 16_777_215, ["tinyblob"] = 255 };

    private static readonly Dictionary<string, int> Floats = new(StringComparer.Ordinal)
        { ["real"] = 4, ["float4"] = 4, ["float"] = 8, ["double"] = 8, ["double precision"] = 8, ["float8"] = 8 };

    public static bool Narrows(string from, string to)
    {
        var (a, b) = (ShapeOf(from), ShapeOf(to));
        if (b.Kind == Kind.Text && b.Size == long.MaxValue) return false;
        return (a.Kind, b.Kind) switch
        {
            (Kind.Integer, Kind.Integer) => b.Size < a.Size || (a.Unsigned != b.Unsigned && !(a.Unsigned && b.Size > a.Size)),
            (Kind.Integer, Kind.Decimal) => b.Size - b.Scale < IntegerDigits[(int)a.Size],
            (Kind.Integer, Kind.Float) => b.Size < 8 || a.Size >= 8,
            (Kind.Decimal, Kind.Decimal) => b.Size - b.Scale < a.Size - a.Scale || b.Scale < a.Scale,
            (Kind.Float, Kind.Float) => b.Size < a.Size,
            (Kind.Text, Kind.Text) or (Kind.Binary, Kind.Binary) => b.Size < a.Size,
            (Kind.Other, Kind.Other) => a.Base != b.Base,
            _ => true,
        };
    }

    private static Shape ShapeOf(string declared)
    {
        // PostgreSQL's format_type says "timestamp(3) without time zone" for what a migration writes "timestamp(3)".
        var text = string.Join(' ', declared.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Replace(" without time zone", "", StringComparison.Ordinal);
        var unsigned = text.Contains("unsigned", StringComparison.Ordinal);
        var paren = text.IndexOf('(', StringComparison.Ordinal);
        var name = (paren < 0 ? text : text[..paren]).Replace(" unsigned", "", StringComparison.Ordinal).Replace(" signed", "", StringComparison.Ordinal)
            .Replace(" zerofill", "", StringComparison.Ordinal).Trim();
        var (first, second) = DeclaredType.Modifiers(text);
        if (IntegerBytes.TryGetValue(name, out var bytes)) return new Shape(Kind.Integer, name, bytes, 0, unsigned);
        if (BoundedTexts.Contains(name)) return new Shape(Kind.Text, name, first ?? (name.Contains("varying", StringComparison.Ordinal) || name.Contains("var", StringComparison.Ordinal) ? long.MaxValue : 1), 0, false);
        if (Texts.TryGetValue(name, out var size)) return new Shape(Kind.Text, name, size, 0, false);
        if (name is "varbinary" or "binary") return new Shape(Kind.Binary, name, first ?? 1, 0, false);
        if (Binaries.TryGetValue(name, out size)) return new Shape(Kind.Binary, name, size, 0, false);
        // numeric without a precision (PostgreSQL) holds any number: as wide as there is.
        if (name is "numeric" or "decimal" or "dec") return new Shape(Kind.Decimal, name, first ?? 1000, second ?? 0, false);
        if (Floats.TryGetValue(name, out var floatBytes))
            return new Shape(Kind.Float, name, name == "float" && first is <= 24 ? 4 : floatBytes, 0, false);
        return new Shape(Kind.Other, paren < 0 ? text : name + text[paren..].Replace(" ", "", StringComparison.Ordinal), 0, 0, false);
    }
}

using System.Text.RegularExpressions;
using Ferry.Schema;

namespace Ferry.Engines.Postgres;

/// <summary>
/// What a PostgreSQL type means, from the name <c>format_type()</c> gives it (domains resolved to
/// their base type by the schema reader). Anything not listed — arrays, enums, ranges, geometry,
/// network addresses — is <see cref="NeutralType.Other"/>: only PostgreSQL can hold it as it is.
/// </summary>
public static partial class PostgresTypeMap
{
    // format_type() spells every built-in type one way, so an exact match on the bare name is enough.
    private static readonly Dictionary<string, NeutralType> Names = new(StringComparer.Ordinal)
    {
        ["smallint"] = NeutralType.Int16,
        ["integer"] = NeutralType.Int32,
        ["bigint"] = NeutralType.Int64,
        ["numeric"] = NeutralType.Decimal,
        ["real"] = NeutralType.Float32,
        ["double precision"] = NeutralType.Float64,
        ["text"] = NeutralType.Text,
        ["character varying"] = NeutralType.Text,
        ["character"] = NeutralType.Text,
        ["\"char\""] = NeutralType.Text,
        ["name"] = NeutralType.Text,
        ["citext"] = NeutralType.Text,
        ["bytea"] = NeutralType.Blob,
        ["boolean"] = NeutralType.Boolean,
        ["date"] = NeutralType.Date,
        ["time without time zone"] = NeutralType.Time,
        ["time with time zone"] = NeutralType.Time,
        ["timestamp without time zone"] = NeutralType.Timestamp,
        ["timestamp with time zone"] = NeutralType.TimestampTz,
        ["interval"] = NeutralType.Interval,
        ["json"] = NeutralType.Json,
        ["jsonb"] = NeutralType.Json,
        ["uuid"] = NeutralType.Uuid,
    };

    public static NeutralType ToNeutral(string formatted)
    {
        // An array of anything is still an array: only PostgreSQL has them.
        if (formatted.EndsWith("[]", StringComparison.Ordinal)) return NeutralType.Other;
        return Names.GetValueOrDefault(BareName(formatted), NeutralType.Other);
    }

    /// <summary>
    /// The name without its modifiers or schema: <c>timestamp(3) without time zone</c> →
    /// <c>timestamp without time zone</c>, <c>public.citext</c> → <c>citext</c>.
    /// </summary>
    public static string BareName(string formatted)
    {
        var bare = Modifiers().Replace(formatted, "").Trim();
        // Interval fields (interval day to second) do not change what the values are.
        if (bare.StartsWith("interval", StringComparison.Ordinal)) return "interval";
        var dot = bare.LastIndexOf('.');
        return dot >= 0 && !bare.EndsWith('"') ? bare[(dot + 1)..] : bare;
    }

    [GeneratedRegex(@"\s*\(\s*\d+\s*(,\s*-?\d+\s*)?\)")]
    private static partial Regex Modifiers();
}

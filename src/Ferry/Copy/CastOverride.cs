using Ferry.Errors;
using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Copy;

/// <summary>
/// <c>--cast Message.createdAt=timestamptz</c>: the user's word over the chooser's, for one column; a size
/// (<c>varchar(20)</c>, <c>numeric(10,2)</c>) is kept, and the values it would change are refused by name.
/// </summary>
public sealed record CastOverride(string Table, string Column, NeutralType Type, int? Size = null, int? Scale = null)
{
    private static readonly Dictionary<string, NeutralType> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["boolean"] = NeutralType.Boolean, ["bool"] = NeutralType.Boolean,
        ["smallint"] = NeutralType.Int16, ["integer"] = NeutralType.Int32, ["int"] = NeutralType.Int32, ["bigint"] = NeutralType.Int64,
        ["numeric"] = NeutralType.Decimal, ["decimal"] = NeutralType.Decimal,
        ["real"] = NeutralType.Float32, ["double"] = NeutralType.Float64, ["double precision"] = NeutralType.Float64, ["float"] = NeutralType.Float64,
        ["text"] = NeutralType.Text, ["varchar"] = NeutralType.Text, ["blob"] = NeutralType.Blob, ["bytea"] = NeutralType.Blob,
        ["date"] = NeutralType.Date, ["time"] = NeutralType.Time, ["timestamp"] = NeutralType.Timestamp, ["timestamptz"] = NeutralType.TimestampTz,
        ["json"] = NeutralType.Json, ["jsonb"] = NeutralType.Json, ["uuid"] = NeutralType.Uuid,
    };

    public static CastOverride Parse(string text)
    {
        var eq = text.LastIndexOf('=');
        var dot = eq < 0 ? -1 : text.IndexOf('.', StringComparison.Ordinal);
        if (eq < 0 || dot < 0 || dot > eq)
            throw new FerryException(FerryErrorKind.Usage, $"--cast '{text}' must look like table.column=type, as in Message.createdAt=timestamptz.");
        var type = text[(eq + 1)..].Trim();
        var sized = System.Text.RegularExpressions.Regex.Match(type, @"^(varchar|numeric|decimal)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var name = sized.Success ? sized.Groups[1].Value : type;
        if (!Names.TryGetValue(name, out var neutral) || sized.Success && neutral == NeutralType.Text && sized.Groups[3].Success)
            throw new FerryException(FerryErrorKind.Usage, $"--cast: '{type}' is not a type Ferry knows; use one of {string.Join(", ", Names.Keys)}, varchar(n) or numeric(p,s).");
        int? Number(int group) => sized.Groups[group].Success ? int.Parse(sized.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        return new CastOverride(text[..dot].Trim(), text[(dot + 1)..eq].Trim(), neutral, Number(2), Number(3));
    }

    /// <summary>The choice with the user's type; the conversion follows from what the chooser saw in the values.</summary>
    public TypeChoice Apply(TypeChoice chosen, ColumnProfile? profile)
    {
        var conversion = Type is NeutralType.Timestamp or NeutralType.TimestampTz && profile is { Integers: > 0 } p && p.Integers == p.NonNull
            ? (Math.Max(Math.Abs(p.MinInteger ?? 0), Math.Abs(p.MaxInteger ?? 0)) < 100_000_000_000L ? ValueConversion.EpochSecondsToTimestamp : ValueConversion.EpochMillisecondsToTimestamp)
            : chosen.Conversion;
        var text = Type == NeutralType.Text;
        return chosen with
        {
            Type = Type, Length = text ? Size : null, Precision = text ? null : Size, Scale = text || Size is null ? null : Scale ?? 0,
            Conversion = conversion, Evidence = $"--cast {Table}.{Column}={Type}{(Size is null ? "" : $"({Size}{(Scale is null ? "" : $",{Scale}")})")} (chooser said: {chosen.Evidence})",
        };
    }
}

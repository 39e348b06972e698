using Ferry.Errors;
using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Copy;

/// <summary><c>--cast Message.createdAt=timestamptz</c>: the user's word over the chooser's, for one column.</summary>
public sealed record CastOverride(string Table, string Column, NeutralType Type)
{
    private static readonly Dictionary<string, NeutralType> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["boolean"] = NeutralType.Boolean, ["bool"] = NeutralType.Boolean,
        ["smallint"] = NeutralType.Int16, ["integer"] = NeutralType.Int32, ["int"] = NeutralType.Int32, ["bigint"] = NeutralType.Int64,
        ["numeric"] = NeutralType.Decimal, ["decimal"] = NeutralType.Decimal,
        ["real"] = NeutralType.Float32, ["double"] = NeutralType.Float64, ["double precision"] = NeutralType.Float64, ["float"] = NeutralType.Float64,
        ["text"] = NeutralType.Text, ["blob"] = NeutralType.Blob, ["bytea"] = NeutralType.Blob,
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
        if (!Names.TryGetValue(type, out var neutral))
            throw new FerryException(FerryErrorKind.Usage, $"--cast: '{type}' is not a type Ferry knows; use one of {string.Join(", ", Names.Keys)}.");
        return new CastOverride(text[..dot].Trim(), text[(dot + 1)..eq].Trim(), neutral);
    }

    /// <summary>The choice with the user's type; the conversion follows from what the chooser saw in the values.</summary>
    public TypeChoice Apply(TypeChoice chosen, ColumnProfile? profile)
    {
        var conversion = Type is NeutralType.Timestamp or NeutralType.TimestampTz && profile is { Integers: > 0 } p && p.Integers == p.NonNull
            ? (Math.Max(Math.Abs(p.MinInteger ?? 0), Math.Abs(p.MaxInteger ?? 0)) < 100_000_000_000L ? ValueConversion.EpochSecondsToTimestamp : ValueConversion.EpochMillisecondsToTimestamp)
            : chosen.Conversion;
        return chosen with { Type = Type, Length = null, Precision = null, Scale = null, Conversion = conversion, Evidence = $"--cast {Table}.{Column}={Type} (chooser said: {chosen.Evidence})" };
    }
}

using System.Globalization;
using Ferry.Connections;
using Ferry.Schema;

namespace Ferry.Values;

/// <summary>
/// How one column's values become the target's: per (source reading, target type, target engine), three
/// steps and a check. <see cref="Meaning"/> reads a source value as what it means under the chosen
/// conversion (the integer it is, the instant an ISO text names, the boolean 'TRUE' is); the store step
/// gives what the target will keep of it, modelling the target's storage (microseconds, float4, decimal
/// scale, VARCHAR(n) in characters, a sign of zero the engine drops); the inverse reads that stored value
/// back as the meaning. A value is written only when the inverse gives back the same value; otherwise it is
/// refused with what would change. The check runs in memory as the value is converted: nothing is read back.
/// </summary>
public sealed class Conversion
{
    private readonly Func<object, object> _meaning;
    private readonly Func<object, object> _store;
    private readonly Func<object, object, object> _inverse;
    private readonly string _where;

    internal Conversion(Func<object, object> meaning, Func<object, object> store, Func<object, object, object> inverse, string where)
    {
        _meaning = meaning;
        _store = store;
        _inverse = inverse;
        _where = where;
    }

    /// <summary>The conversion of a column of <paramref name="choice"/> into <paramref name="target"/>.</summary>
    public static Conversion For(TypeChoice choice, EngineKind target) =>
        choice.Conversion == ValueConversion.Verbatim ? Identity : ValueConverters.Build(choice, target);

    /// <summary>The target stores what the source stored: nothing is read as anything but itself, nothing to check.</summary>
    public static Conversion Identity { get; } = new(v => v, v => v, (stored, _) => stored, "the target");

    /// <summary>The value to write for <paramref name="value"/>; throws <see cref="ValueRefusedException"/> with what would change.</summary>
    public object? Apply(object? value)
    {
        if (value is null) return null;
        var meant = _meaning(value);
        var stored = _store(meant);
        // A store that keeps the meaning's own object changed nothing: the inverse of the identity is the identity.
        if (ReferenceEquals(stored, meant)) return stored;
        var back = _inverse(stored, meant);
        return Same(meant, back) ? stored : throw new ValueRefusedException(Changed(meant, stored));
    }

    /// <summary>Null when <paramref name="value"/> survives the round trip; else the reason it would be refused.</summary>
    public string? Refusal(object? value)
    {
        try
        {
            Apply(value);
            return null;
        }
        catch (ValueRefusedException refusal)
        {
            return refusal.Message;
        }
    }

    /// <summary>
    /// The same value of the meaning: compared typed where the canonical form is the value itself
    /// (integers, texts, bytes), by bits for reals (so -0.0 is not 0.0, and NaN is NaN), by ticks for times.
    /// An inverse returns its meaning's own type, so values of two types are never the same.
    /// </summary>
    private static bool Same(object meant, object back) => (meant, back) switch
    {
        (long a, long b) => a == b,
        (double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b) || double.IsNaN(a) && double.IsNaN(b),
        (decimal a, decimal b) => a == b,
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (Utf8Text a, Utf8Text b) => a.Bytes.AsSpan().SequenceEqual(b.Bytes),
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        (DateTime a, DateTime b) => a.Ticks == b.Ticks && a.Kind == b.Kind,
        (TimeOnly a, TimeOnly b) => a == b,
        (bool a, bool b) => a == b,
        (ulong a, ulong b) => a == b,
        _ => false,
    };

    /// <summary>What would change, in words: the digit a time loses, the characters a text loses, or the value it would become.</summary>
    private string Changed(object meant, object? stored) => (meant, stored) switch
    {
        (DateTime a, DateTime b) when a.Ticks / 10 == b.Ticks / 10 => $"{IsoText.Format(a)} would lose its 7th fractional digit ({_where} keeps microseconds)",
        (TimeOnly a, TimeOnly b) when a.Ticks / 10 == b.Ticks / 10 => $"{IsoText.Format(a)} would lose its 7th fractional digit ({_where} keeps microseconds)",
        (string or Utf8Text, string or Utf8Text) => $"{ValueConverters.Describe(meant)} has {Characters(meant)} characters; {_where} would keep {Characters(stored)}",
        _ => $"{ValueConverters.Describe(meant)} would be stored by {_where} as {(stored is null ? "NULL" : ValueConverters.Describe(stored))}",
    };

    private static string Characters(object text) => ValueConverters.CodePoints(text).ToString(CultureInfo.InvariantCulture);

    /// <summary>Where a value is stored, as a reason names it: "PostgreSQL timestamptz".</summary>
    internal static string Where(TypeChoice choice, EngineKind target) =>
        $"{target.Display()} {Engines.DdlWriters.For(target).TypeName(choice, identity: false)}";
}

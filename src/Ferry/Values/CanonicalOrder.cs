using System.Globalization;
using System.Numerics;
using System.Text;
using Ferry.Schema;

namespace Ferry.Values;

/// <summary>
/// The one order of key values that every engine can be asked for (see <see cref="Engines.KeyOrder"/>): NULL
/// first, numbers and times by value, texts and bytes by their bytes (so by code point for UTF-8), anything
/// else by its canonical encoding. Two sides read in this order can be merged without holding either.
/// </summary>
public static class CanonicalOrder
{
    public static int Compare(object? a, object? b, NeutralType type)
    {
        if (a is null or DBNull) return b is null or DBNull ? 0 : -1;
        if (b is null or DBNull) return 1;
        if (Beyond(a, type) is var x && Beyond(b, type) is var y && (x != 0 || y != 0))
            return x != y ? x.CompareTo(y) : string.CompareOrdinal(a.ToString(), b.ToString());
        switch (type)
        {
            case NeutralType.Int16 or NeutralType.Int32 or NeutralType.Int64 or NeutralType.Decimal or NeutralType.Boolean:
                return CompareNumbers(a, b);
            case NeutralType.Float32 or NeutralType.Float64:
                return Convert.ToDouble(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(b, CultureInfo.InvariantCulture));
            case NeutralType.Timestamp or NeutralType.TimestampTz:
                return ValueConverters.ToInstant(a).CompareTo(ValueConverters.ToInstant(b));
            case NeutralType.Date:
                return ValueConverters.ToDate(a).CompareTo(ValueConverters.ToDate(b));
            case NeutralType.Time:
                return ValueConverters.ToTime(a).CompareTo(ValueConverters.ToTime(b));
            case NeutralType.Uuid:
                return Bytes(ValueConverters.ToUuid(a).ToByteArray(bigEndian: true)).SequenceCompareTo(ValueConverters.ToUuid(b).ToByteArray(bigEndian: true));
            default:
                // SQLite sorts a mixed column by storage class first: numbers before texts before blobs.
                var (ra, rb) = (Rank(a), Rank(b));
                if (ra != rb) return ra.CompareTo(rb);
                if (ra == 0) return CompareNumbers(a, b);
                return Bytes(a).SequenceCompareTo(Bytes(b));
        }
    }

    /// <summary>
    /// Where a value past its type's range sorts, as PostgreSQL sorts it: a number's -Infinity first (-2), +Infinity
    /// (2) and NaN above every number (3), where .NET puts NaN below them; a time's -infinity first (-2), a BC date
    /// before every other (-1) and infinity (2) after. PostgreSQL's reader gives each of these as its text (a double
    /// as itself); 0 for a value within the range. Two BC dates compare as their texts (a later year can sort first).
    /// </summary>
    private static int Beyond(object value, NeutralType type) => (type, value) switch
    {
        (NeutralType.Decimal or NeutralType.Float32 or NeutralType.Float64, string s) => s switch { "-Infinity" => -2, "Infinity" => 2, "NaN" => 3, _ => 0 },
        (NeutralType.Decimal or NeutralType.Float32 or NeutralType.Float64, double d) => double.IsNaN(d) ? 3 : double.IsInfinity(d) ? Math.Sign(d) * 2 : 0,
        (NeutralType.Decimal or NeutralType.Float32 or NeutralType.Float64, float f) => float.IsNaN(f) ? 3 : float.IsInfinity(f) ? Math.Sign(f) * 2 : 0,
        (NeutralType.Timestamp or NeutralType.TimestampTz or NeutralType.Date, string s) =>
            s == "-infinity" ? -2 : s == "infinity" ? 2 : s.EndsWith(" BC", StringComparison.Ordinal) ? -1 : 0,
        _ => 0,
    };

    private static int Rank(object value) => value switch
    {
        long or int or short or ulong or decimal or double or float or BigInteger => 0,
        byte[] => 2,
        _ => 1,
    };

    /// <summary>
    /// Two numbers by value: as decimals when both are exactly one (every integer type, most keys), else as
    /// doubles (a real past decimal's range, ±Infinity, a numeric of more than 28 digits).
    /// </summary>
    private static int CompareNumbers(object a, object b) =>
        a is long x && b is long y ? x.CompareTo(y)
        : Exact(a) is { } m && Exact(b) is { } n ? m.CompareTo(n)
        : Approximate(a).CompareTo(Approximate(b));

    private static decimal? Exact(object value) => value switch
    {
        long or int or short or ulong or uint or ushort or byte or sbyte or decimal => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        bool b => b ? 1 : 0,
        // A real as its shortest text, which names it exactly ((decimal)d would keep only 15 digits).
        double d => Shortest(d),
        float f => Shortest(f),
        _ => null,
    };

    /// <summary>The decimal a double's shortest text names, when it names that double (not past decimal's range or precision).</summary>
    private static decimal? Shortest(double d) =>
        double.IsFinite(d) && decimal.TryParse(d.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && (double)m == d ? m : null;

    private static double Approximate(object value) => value switch
    {
        double d => d,
        float f => f,
        _ => double.Parse(Canonical.NumberText(value), CultureInfo.InvariantCulture),
    };

    private static ReadOnlySpan<byte> Bytes(object value) => value switch
    {
        byte[] b => b,
        Utf8Text t => t.Bytes,
        InvalidText t => t.Bytes,
        string s => Encoding.UTF8.GetBytes(s),
        _ => Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };
}

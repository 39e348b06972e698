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
        switch (type)
        {
            case NeutralType.Int16 or NeutralType.Int32 or NeutralType.Int64 or NeutralType.Decimal or NeutralType.Boolean:
                if (a is long x && b is long y) return x.CompareTo(y);
                return Number(a).CompareTo(Number(b));
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
                if (ra == 0) return Number(a).CompareTo(Number(b));
                return Bytes(a).SequenceCompareTo(Bytes(b));
        }
    }

    private static int Rank(object value) => value switch
    {
        long or int or short or ulong or decimal or double or float or BigInteger => 0,
        byte[] => 2,
        _ => 1,
    };

    /// <summary>An exact number as far as it goes; a double past decimal's range compares by its own value.</summary>
    private static BigRational Number(object value) => value switch
    {
        long l => new BigRational(l),
        int i => new BigRational(i),
        short s => new BigRational(s),
        ulong u => new BigRational(new BigInteger(u), 0),
        bool b => new BigRational(b ? 1 : 0),
        decimal m => BigRational.Of(m),
        double d => BigRational.Of(d),
        float f => BigRational.Of(f),
        _ => BigRational.Parse(Canonical.NumberText(value)),
    };

    private static ReadOnlySpan<byte> Bytes(object value) => value switch
    {
        byte[] b => b,
        Utf8Text t => t.Bytes,
        InvalidText t => t.Bytes,
        string s => Encoding.UTF8.GetBytes(s),
        _ => Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    /// <summary>A number as numerator over a power of ten, or a double where it has no decimal form (±Infinity, NaN).</summary>
    private readonly record struct BigRational(BigInteger Units, int Scale, double Special = 0) : IComparable<BigRational>
    {
        public BigRational(long value) : this(value, 0) { }

        public static BigRational Of(decimal m)
        {
            var bits = decimal.GetBits(m);
            var scale = (bits[3] >> 16) & 0xFF;
            var units = new BigInteger(new ReadOnlySpan<byte>([.. BitConverter.GetBytes(bits[0]), .. BitConverter.GetBytes(bits[1]), .. BitConverter.GetBytes(bits[2]), 0]));
            return new BigRational(m < 0 ? -units : units, scale);
        }

        public static BigRational Of(double d) =>
            double.IsFinite(d) ? Parse(d.ToString("R", CultureInfo.InvariantCulture)) : new BigRational(0, 0, d);

        public static BigRational Parse(string text)
        {
            if (text is "NaN" or "Infinity" or "-Infinity") return new BigRational(0, 0, double.Parse(text, CultureInfo.InvariantCulture));
            var exponent = 0;
            var e = text.IndexOfAny(['e', 'E']);
            if (e >= 0)
            {
                exponent = int.Parse(text.AsSpan(e + 1), CultureInfo.InvariantCulture);
                text = text[..e];
            }
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            var scale = dot < 0 ? 0 : text.Length - dot - 1;
            var units = BigInteger.Parse(dot < 0 ? text : text.Remove(dot, 1), CultureInfo.InvariantCulture);
            scale -= exponent;
            return scale >= 0 ? new BigRational(units, scale) : new BigRational(units * BigInteger.Pow(10, -scale), 0);
        }

        public int CompareTo(BigRational other)
        {
            if (Special != 0 || other.Special != 0 || double.IsNaN(Special) || double.IsNaN(other.Special))
                return Approximate().CompareTo(other.Approximate());
            var scale = Math.Max(Scale, other.Scale);
            return (Units * BigInteger.Pow(10, scale - Scale)).CompareTo(other.Units * BigInteger.Pow(10, scale - other.Scale));
        }

        private double Approximate() => Special != 0 || double.IsNaN(Special) ? Special : (double)Units / Math.Pow(10, Scale);
    }
}

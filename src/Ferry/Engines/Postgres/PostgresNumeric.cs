using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Ferry.Engines.Postgres;

/// <summary>
/// The exact text of a PostgreSQL numeric that System.Decimal cannot hold: NaN, ±Infinity, or more
/// than 28 significant digits (numeric allows 131072 before the point). Decoded from the binary
/// wire form, so nothing is rounded on the way.
/// </summary>
internal static class PostgresNumeric
{
    private const ushort Negative = 0x4000, NaN = 0xC000, PositiveInfinity = 0xD000, NegativeInfinity = 0xF000;

    /// <summary>Wire form: ndigits, weight, sign, dscale (16 bits each), then ndigits base-10000 digits.</summary>
    public static string ToText(byte[] wire)
    {
        var count = BinaryPrimitives.ReadInt16BigEndian(wire);
        var weight = BinaryPrimitives.ReadInt16BigEndian(wire.AsSpan(2));
        var sign = BinaryPrimitives.ReadUInt16BigEndian(wire.AsSpan(4));
        var scale = BinaryPrimitives.ReadUInt16BigEndian(wire.AsSpan(6));
        switch (sign)
        {
            case NaN: return "NaN";
            case PositiveInfinity: return "Infinity";
            case NegativeInfinity: return "-Infinity";
        }
        // The digit at index i is worth 10000^(weight - i); missing ones are zero.
        int Digit(int index) => index >= 0 && index < count ? BinaryPrimitives.ReadInt16BigEndian(wire.AsSpan(8 + 2 * index)) : 0;

        var text = new StringBuilder();
        if (sign == Negative) text.Append('-');
        if (weight < 0) text.Append('0');
        for (var i = 0; i <= weight; i++)
            text.Append(Digit(i).ToString(i == 0 ? "D" : "D4", CultureInfo.InvariantCulture));
        if (scale > 0)
        {
            var fraction = new StringBuilder();
            for (var i = weight + 1; fraction.Length < scale; i++) fraction.Append(Digit(i).ToString("D4", CultureInfo.InvariantCulture));
            text.Append('.').Append(fraction, 0, scale);
        }
        return text.ToString();
    }
}

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

    /// <summary>
    /// The wire form of a number written out in digits (as decimal.ToString and PostgreSQL's own text
    /// give it), or NaN/±Infinity: digit strings in, base-10000 digits out, so nothing is rounded.
    /// </summary>
    public static byte[] FromText(string text)
    {
        switch (text)
        {
            case "NaN": return Wire([], 0, NaN, 0);
            case "Infinity": return Wire([], 0, PositiveInfinity, 0);
            case "-Infinity": return Wire([], 0, NegativeInfinity, 0);
        }
        var negative = text.StartsWith('-');
        var body = negative || text.StartsWith('+') ? text[1..] : text;
        var point = body.IndexOf('.', StringComparison.Ordinal);
        var whole = (point < 0 ? body : body[..point]).TrimStart('0');
        var fraction = point < 0 ? "" : body[(point + 1)..];
        if (!(whole + fraction).All(char.IsAsciiDigit))
            throw new FormatException($"{text} is not a number PostgreSQL's numeric can hold.");
        // Groups of four digits either side of the point: the whole part padded on the left, the fraction on the right.
        var digits = Groups(whole.PadLeft((whole.Length + 3) / 4 * 4, '0')).Concat(Groups(fraction.PadRight((fraction.Length + 3) / 4 * 4, '0'))).ToList();
        var weight = (whole.Length + 3) / 4 - 1;
        // Leading zero groups lower the weight; trailing ones are implied by the scale.
        var start = 0;
        while (start < digits.Count && digits[start] == 0) { start++; weight--; }
        var end = digits.Count;
        while (end > start && digits[end - 1] == 0) end--;
        return start == end
            ? Wire([], 0, 0, fraction.Length)
            : Wire(digits[start..end], weight, negative ? Negative : (ushort)0, fraction.Length);
    }

    private static IEnumerable<short> Groups(string digits)
    {
        for (var i = 0; i < digits.Length; i += 4) yield return short.Parse(digits.AsSpan(i, 4), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static byte[] Wire(IReadOnlyList<short> digits, int weight, ushort sign, int scale)
    {
        var wire = new byte[8 + 2 * digits.Count];
        BinaryPrimitives.WriteInt16BigEndian(wire, (short)digits.Count);
        BinaryPrimitives.WriteInt16BigEndian(wire.AsSpan(2), (short)weight);
        BinaryPrimitives.WriteUInt16BigEndian(wire.AsSpan(4), sign);
        BinaryPrimitives.WriteUInt16BigEndian(wire.AsSpan(6), (ushort)scale);
        for (var i = 0; i < digits.Count; i++) BinaryPrimitives.WriteInt16BigEndian(wire.AsSpan(8 + 2 * i), digits[i]);
        return wire;
    }
}

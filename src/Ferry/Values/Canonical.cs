using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Ferry.Schema;

namespace Ferry.Values;

/// <summary>
/// The canonical encoding of a value: the same bytes for the same value whatever engine it was read from,
/// and different bytes for any two values a user could tell apart. It is what "equal" means in the copy's
/// round-trip checks, in the tests, and in <c>ferry verify</c>'s checksums. This file is its specification.
/// </summary>
/// <remarks>
/// The value is read as the neutral type of its column under Ferry's mapping (a SQLite target stores a
/// timestamp as ISO text, and it is read back as the timestamp it is). Each value is one tag byte, then:
/// <list type="table">
/// <item><term>0x00 NULL</term><description>nothing.</description></item>
/// <item><term>0x01 exact number</term><description>integers of any size and decimals, as one normalised
/// decimal text in ASCII: an optional '-', the digits without leading zeros, a '.' and the fraction
/// without trailing zeros only when it is not zero; no exponent. So 5, 5.00 and the unsigned 5 are one
/// value, and -0 is 0. A numeric NaN is the text NaN, ±Infinity the texts Infinity and -Infinity.</description></item>
/// <item><term>0x02 float</term><description>the IEEE-754 double, 8 bytes big-endian; a float4 is widened
/// (exactly). Read as a float4, a double that is a float4's shortest decimal text (MySQL's reading of FLOAT)
/// is that float4 too; any other double stays itself, so it differs from every float4.
/// -0.0 keeps its sign; every NaN is the one quiet NaN 0x7FF8000000000000 (no engine keeps payloads).</description></item>
/// <item><term>0x03 text</term><description>a 4-byte big-endian length, then the UTF-8 bytes as stored, also when they are not valid UTF-8.</description></item>
/// <item><term>0x04 bytes</term><description>a 4-byte big-endian length, then the bytes.</description></item>
/// <item><term>0x05 boolean</term><description>one byte, 0 or 1; read from a boolean, the integers 0 and 1, or the
/// texts 'true' and 'false' in any case (nothing else: 'yes' and 't' are not booleans).</description></item>
/// <item><term>0x06 timestamp</term><description>microseconds since 1970-01-01 00:00 UTC, 8 bytes big-endian
/// two's complement; an instant (timestamptz) as UTC, a wall-clock time (timestamp) as if it were UTC. A
/// tenth of a microsecond (.NET keeps seven fractional digits) adds one byte 1–9, so a value that lost it differs.</description></item>
/// <item><term>0x07 date</term><description>days since 1970-01-01, 4 bytes big-endian.</description></item>
/// <item><term>0x08 time of day</term><description>microseconds since midnight, 8 bytes, with the same tenth byte.</description></item>
/// <item><term>0x09 interval</term><description>months (4 bytes), days (4 bytes), microseconds (8 bytes), as PostgreSQL keeps them;
/// read from a TimeSpan or the text a SQLite target holds for one ([-][d.]hh:mm:ss[.fffffff]).</description></item>
/// <item><term>0x0A uuid</term><description>the 16 bytes in RFC 4122 order.</description></item>
/// <item><term>0x0B json</term><description>a 4-byte length, then the document as jsonb would keep it, written
/// compactly: object keys sorted by their UTF-16 code units, the last of duplicate keys kept, numbers as
/// jsonb's numeric writes them (no exponent, the written fraction digits less the exponent, no -0). (A json column kept as written is text: its type is Text, not Json.)</description></item>
/// </list>
/// A row is its values' encodings one after another; the tags make that unambiguous.
/// </remarks>
public static class Canonical
{
    private const byte Null = 0x00, ExactNumber = 0x01, Float = 0x02, Text = 0x03, Bytes = 0x04, Boolean = 0x05,
        Timestamp = 0x06, Date = 0x07, Time = 0x08, Interval = 0x09, Uuid = 0x0A, Json = 0x0B;

    private const long CanonicalNaN = 0x7FF8000000000000;

    /// <summary>The encoding of one value read as <paramref name="type"/>.</summary>
    public static byte[] Of(object? value, NeutralType type)
    {
        var output = new ArrayBufferWriter<byte>(16);
        Append(output, value, type);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The encoding of a value that is not to be read as a declared type, only as what it is (a SQLite value
    /// carried verbatim, by its storage class; a PostgreSQL value carried verbatim, by the CLR value its
    /// reader gives): an integer, a real, a text, a blob, a date or time, an interval or a uuid as itself.
    /// </summary>
    public static byte[] OfStored(object? value) => Of(value, StoredType(value));

    /// <summary>The type a value is read as when only what it is is known: its storage class, or the CLR value a reader gave.</summary>
    public static NeutralType StoredType(object? value) => value switch
    {
        long or int or ulong or decimal => NeutralType.Int64,
        double or float => NeutralType.Float64,
        byte[] => NeutralType.Blob,
        bool => NeutralType.Boolean,
        DateTime or DateTimeOffset => NeutralType.Timestamp,
        DateOnly => NeutralType.Date,
        TimeOnly => NeutralType.Time,
        TimeSpan => NeutralType.Interval,
        Guid => NeutralType.Uuid,
        _ => NeutralType.Text,
    };

    /// <summary>True when the two values are the same value, each read as its type.</summary>
    public static bool Same(object? a, NeutralType aType, object? b, NeutralType bType) => Of(a, aType).AsSpan().SequenceEqual(Of(b, bType));

    /// <summary>Appends the encoding of <paramref name="value"/>; throws <see cref="ValueRefusedException"/> for a value its type cannot be.</summary>
    public static void Append(ArrayBufferWriter<byte> output, object? value, NeutralType type)
    {
        if (value is null or DBNull)
        {
            Put(output, Null);
            return;
        }
        switch (type)
        {
            case NeutralType.Int16 or NeutralType.Int32 or NeutralType.Int64 or NeutralType.Decimal:
                Put(output, ExactNumber);
                // An integer's invariant text is already the normalised one: written in place, no string made.
                if (value is long l)
                {
                    l.TryFormat(output.GetSpan(20), out var written, default, CultureInfo.InvariantCulture);
                    output.Advance(written);
                }
                else
                {
                    output.Write(Encoding.ASCII.GetBytes(NumberText(value)));
                }
                break;
            case NeutralType.Float32:
                Put(output, Float);
                AppendInt64(output, Float4Bits(FloatBits(value)));
                break;
            case NeutralType.Float64:
                Put(output, Float);
                AppendInt64(output, FloatBits(value));
                break;
            case NeutralType.Boolean:
                Put(output, Boolean);
                Put(output, BooleanOf(value) ? (byte)1 : (byte)0);
                break;
            case NeutralType.Blob:
                WriteText(output, Bytes, value);
                break;
            case NeutralType.Timestamp or NeutralType.TimestampTz:
                Put(output, Timestamp);
                AppendTicks(output, (ValueConverters.ToInstant(value) - DateTime.UnixEpoch).Ticks);
                break;
            case NeutralType.Date:
                Put(output, Date);
                AppendInt32(output, ValueConverters.ToDate(value).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber);
                break;
            case NeutralType.Time:
                Put(output, Time);
                AppendTicks(output, ValueConverters.ToTime(value).Ticks);
                break;
            case NeutralType.Interval:
                // A SQLite target holds an interval as the text Microsoft.Data.Sqlite writes for a TimeSpan.
                var span = ValueConverters.Plain(value) switch
                {
                    TimeSpan s => s,
                    string text when TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var s) => s,
                    _ => throw Refuse(value, "an interval"),
                };
                Put(output, Interval);
                AppendInt32(output, 0);
                AppendInt32(output, span.Days);
                AppendTicks(output, (span - TimeSpan.FromDays(span.Days)).Ticks);
                break;
            case NeutralType.Uuid:
                Tagged(output, Uuid, ValueConverters.ToUuid(value).ToByteArray(bigEndian: true), withLength: false);
                break;
            case NeutralType.Json:
                // A text compared as JSON that is no JSON document (a source's TEXT column facing jsonb) is its text,
                // which no document equals.
                if (CanonicalJson(TextBytes(value)) is { } document) Tagged(output, Json, document, withLength: true);
                else WriteText(output, Text, value);
                break;
            default:
                WriteText(output, Text, value);
                break;
        }
    }

    /// <summary>"1240.11", "-5", "0", "NaN": one text per exact number.</summary>
    public static string NumberText(object value)
    {
        var text = value switch
        {
            long or int or short or sbyte or ulong or uint or ushort or byte or BigInteger => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            decimal m => m.ToString(CultureInfo.InvariantCulture),
            bool b => b ? "1" : "0",
            string s => s.Trim(),
            Utf8Text t => t.ToString().Trim(),
            // A double read as an exact number means its shortest text (1240.11, not 1240.1099853515625): the
            // decimal whose nearest double it is. Round trips through a double are checked as doubles.
            double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture),
            _ => throw Refuse(value, "a number"),
        };
        return Normalise(text) ?? throw Refuse(value, "a number");
    }

    /// <summary>The decimal text normalised (sign, leading and trailing zeros, exponent expanded), or null when it is not a number.</summary>
    private static string? Normalise(string text)
    {
        if (text is "NaN" or "Infinity" or "-Infinity") return text;
        if (text.StartsWith('+')) text = text[1..];
        var negative = text.StartsWith('-');
        if (negative) text = text[1..];
        var exponent = 0;
        var e = text.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            if (!int.TryParse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)) return null;
            text = text[..e];
        }
        var dot = text.IndexOf('.');
        var digits = dot < 0 ? text : text[..dot] + text[(dot + 1)..];
        var point = (dot < 0 ? text.Length : dot) + exponent;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit)) return null;
        if (point < 0) digits = new string('0', -point) + digits;
        if (point < 0) point = 0;
        if (point > digits.Length) digits += new string('0', point - digits.Length);
        var whole = digits[..point].TrimStart('0');
        var fraction = digits[point..].TrimEnd('0');
        if (whole.Length == 0) whole = "0";
        var result = fraction.Length == 0 ? whole : whole + "." + fraction;
        return negative && result != "0" ? "-" + result : result;
    }

    private static long FloatBits(object value)
    {
        var d = value switch
        {
            double x => x,
            float f => f,
            long l when (long)(double)l == l => l,
            decimal m when (decimal)(double)m == m => (double)m,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) => x,
            _ => throw Refuse(value, "a floating-point number"),
        };
        return double.IsNaN(d) ? CanonicalNaN : BitConverter.DoubleToInt64Bits(d);
    }

    /// <summary>The float4 a double is, exactly or as its shortest text; else the double's own bits.</summary>
    private static long Float4Bits(long bits)
    {
        var d = BitConverter.Int64BitsToDouble(bits);
        var f = (float)d;
        var shortest = double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return double.IsFinite(d) && (f == d || shortest == d) ? BitConverter.DoubleToInt64Bits(f) : bits;
    }

    private static bool BooleanOf(object value) => ValueConverters.ToBoolean(value);

    private static byte[] TextBytes(object value) => value switch
    {
        string s => Encoding.UTF8.GetBytes(s),
        Utf8Text t => t.Bytes,
        InvalidText t => t.Bytes,
        byte[] b => b,
        _ => Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    /// <summary>The document as jsonb keeps it: keys sorted, the last duplicate kept, no insignificant whitespace; null for a text that is no JSON.</summary>
    private static byte[]? CanonicalJson(byte[] text)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(text); }
        catch (JsonException) { return null; }
        using var _ = document;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            WriteJson(writer, document.RootElement);
        return buffer.ToArray();
    }

    private static void WriteJson(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                var last = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject()) last[property.Name] = property.Value;
                foreach (var (name, value) in last.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    WriteJson(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) WriteJson(writer, item);
                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(JsonbNumber(element.GetRawText()), skipInputValidation: true);
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>
    /// A JSON number as jsonb keeps it, PostgreSQL's numeric text: no exponent (1e3 is 1000, 1.5e-3 is 0.0015),
    /// as many fraction digits as were written less the exponent (2.50 stays 2.50, 1.50e1 is 15.0), no -0.
    /// </summary>
    private static string JsonbNumber(string raw)
    {
        var e = raw.IndexOfAny(['e', 'E']);
        var exponent = e < 0 ? 0 : int.Parse(raw.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? raw : raw[..e];
        var negative = mantissa.StartsWith('-');
        if (negative) mantissa = mantissa[1..];
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? mantissa : mantissa[..point];
        var fraction = point < 0 ? "" : mantissa[(point + 1)..];
        var scale = Math.Max(0, fraction.Length - exponent);
        // The digits with the point moved by the exponent, padded with zeros on whichever side it left.
        var digits = whole + fraction;
        var pointAt = whole.Length + exponent;
        if (pointAt < 0)
        {
            digits = new string('0', -pointAt) + digits;
            pointAt = 0;
        }
        digits = digits.PadRight(pointAt + scale, '0');
        var integer = digits[..pointAt].TrimStart('0') is { Length: > 0 } kept ? kept : "0";
        var decimals = digits.Substring(pointAt, scale);
        var zero = !integer.Any(c => c != '0') && !decimals.Any(c => c != '0');
        return (negative && !zero ? "-" : "") + integer + (scale > 0 ? "." + decimals : "");
    }

    private static void Tagged(ArrayBufferWriter<byte> output, byte tag, byte[] payload, bool withLength)
    {
        Put(output, tag);
        if (withLength) AppendInt32(output, payload.Length);
        output.Write(payload);
    }

    /// <summary>A text's or blob's tag, length and bytes; a string is encoded straight into the output, not into a copy first.</summary>
    private static void WriteText(ArrayBufferWriter<byte> output, byte tag, object value)
    {
        if (value is not string s)
        {
            Tagged(output, tag, TextBytes(value), withLength: true);
            return;
        }
        Put(output, tag);
        var length = Encoding.UTF8.GetByteCount(s);
        AppendInt32(output, length);
        output.Advance(Encoding.UTF8.GetBytes(s, output.GetSpan(length)));
    }

    private static void Put(ArrayBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    /// <summary>Microseconds, and the tenth of a microsecond as one more byte only when there is one.</summary>
    private static void AppendTicks(ArrayBufferWriter<byte> output, long ticks)
    {
        AppendInt64(output, Math.DivRem(ticks, 10, out var tenth) - (tenth < 0 ? 1 : 0));
        if (tenth != 0) Put(output, (byte)(tenth < 0 ? tenth + 10 : tenth));
    }

    private static void AppendInt64(ArrayBufferWriter<byte> output, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    private static void AppendInt32(ArrayBufferWriter<byte> output, int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    private static ValueRefusedException Refuse(object value, string what) =>
        new($"{Convert.ToString(value, CultureInfo.InvariantCulture)} is not {what}");
}

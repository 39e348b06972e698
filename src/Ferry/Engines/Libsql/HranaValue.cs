using System.Globalization;
using System.Text.Json;
using Ferry.Values;

using Ferry.Engines.Sqlite;

namespace Ferry.Engines.Libsql;

/// <summary>
/// Hrana's <c>Value</c> in JSON, both ways. Integers travel as strings (<c>{"type":"integer","value":"123"}</c>)
/// so 64-bit values survive JSON readers that hold numbers as doubles; blobs as base64, which sqld
/// writes without padding.
/// </summary>
internal static class HranaValue
{
    /// <summary>SQLite's own text form of a date and time, so encoded dates sort and compare as SQLite's date functions expect.</summary>

    /// <summary>A value from the server as long, double, string, byte[] or null.</summary>
    public static object? Decode(JsonElement value)
    {
        var type = value.GetProperty("type").GetString();
        switch (type)
        {
            case "null":
                return null;
            case "integer":
                var integer = value.GetProperty("value");
                // The spec says string; accept a plain number too rather than fail on a lenient server.
                return integer.ValueKind == JsonValueKind.Number
                    ? integer.GetInt64()
                    : long.Parse(integer.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            case "float":
                var number = value.GetProperty("value");
                // JSON has no Infinity: sqld (serde_json) writes a non-finite REAL as null, losing its sign.
                // Guessing would silently change data, so say so instead.
                if (number.ValueKind != JsonValueKind.Number)
                    throw new HranaException("libSQL sent a REAL value that JSON cannot carry (Infinity or -Infinity is sent as null); Ferry cannot read it exactly.");
                return number.GetDouble();
            case "text":
                return value.GetProperty("value").GetString();
            case "blob":
                return DecodeBase64(value.GetProperty("base64").GetString() ?? "");
            default:
                throw new HranaException($"libSQL sent a value of unknown type '{type}'.");
        }
    }

    /// <summary>Base64 with or without its trailing '=' padding.</summary>
    public static byte[] DecodeBase64(string text)
    {
        var missing = (4 - text.Length % 4) % 4;
        if (missing == 3) throw new FormatException("A base64 text cannot have a length of 4n+1.");
        return Convert.FromBase64String(missing == 0 ? text : text + new string('=', missing));
    }

    /// <summary>Writes an argument as a Hrana value. Types SQLite has no storage class for are rejected, not guessed.</summary>
    public static void Write(Utf8JsonWriter json, object? value)
    {
        json.WriteStartObject();
        switch (value)
        {
            case null or DBNull:
                json.WriteString("type", "null");
                break;
            case long or int or short or sbyte or byte or ushort or uint:
                WriteInteger(json, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                WriteInteger(json, u <= long.MaxValue ? (long)u : throw new ArgumentOutOfRangeException(nameof(value), u, "SQLite integers are signed 64-bit."));
                break;
            case bool b:
                WriteInteger(json, b ? 1 : 0);
                break;
            case double or float:
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (!double.IsFinite(d)) throw new ArgumentOutOfRangeException(nameof(value), d, "JSON cannot carry NaN or Infinity to libSQL.");
                json.WriteString("type", "float");
                // Written as "-0" the sign may be lost (read as the integer 0); "-0.0" is a float to every reader.
                if (d == 0 && double.IsNegative(d))
                {
                    json.WritePropertyName("value");
                    json.WriteRawValue("-0.0", skipInputValidation: true);
                }
                else json.WriteNumber("value", d);
                break;
            case decimal m:
                // Text keeps every digit; a NUMERIC/DECIMAL column's affinity turns it into a number on the server.
                WriteText(json, m.ToString(CultureInfo.InvariantCulture));
                break;
            case string s:
                WriteText(json, s);
                break;
            case Utf8Text t:
                // Checked to be valid UTF-8 when read: the bytes go into the JSON string as they are.
                json.WriteString("type", "text");
                json.WriteString("value", t.Bytes);
                break;
            case byte[] bytes:
                WriteBlob(json, bytes);
                break;
            case ReadOnlyMemory<byte> memory:
                WriteBlob(json, memory.Span);
                break;
            case DateTime or DateTimeOffset or DateOnly or TimeOnly or Guid or TimeSpan:
                // The same text a SQLite file stores for it (SqliteBulkWriter.ToSqlite): one target, one form.
                WriteText(json, (string)SqliteBulkWriter.ToSqlite(value));
                break;
            default:
                throw new ArgumentException($"Ferry cannot send a {value.GetType().Name} to libSQL.", nameof(value));
        }
        json.WriteEndObject();
    }

    private static void WriteInteger(Utf8JsonWriter json, long value)
    {
        json.WriteString("type", "integer");
        json.WriteString("value", value.ToString(CultureInfo.InvariantCulture));
    }

    private static void WriteText(Utf8JsonWriter json, string value)
    {
        json.WriteString("type", "text");
        json.WriteString("value", value);
    }

    private static void WriteBlob(Utf8JsonWriter json, ReadOnlySpan<byte> value)
    {
        json.WriteString("type", "blob");
        json.WriteBase64String("base64", value);
    }
}

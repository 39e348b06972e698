using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ferry.Schema;

namespace Ferry.Values;

/// <summary>What a value's hash text is written as: the kinds a database can also write in SQL, and the rest.</summary>
public enum HashKind
{
    Number,
    Boolean,
    Text,
    Bytes,
    Timestamp,
    Date,
    Uuid,
    /// <summary>Written only here, as the hex of its <see cref="Canonical"/> encoding: no engine hashes it in SQL.</summary>
    Canonical,
}

/// <summary>
/// The text verify's range checksums hash, one row at a time: the same bytes whether a database writes it in
/// SQL (PostgreSQL, MySQL: <see cref="Engines.IRangeHash"/>) or Ferry writes it here from the values a reader
/// gave, so two engines' checksums of the same rows agree and only hashes cross the network. It is equal for
/// two values exactly when their <see cref="Canonical"/> encodings are, for the kinds SQL can write without
/// depending on a collation, a float's formatting or a session's settings; every other type has no SQL form,
/// and a side holding one streams its rows. This file is the specification each engine's SQL follows.
/// </summary>
/// <remarks>
/// A row is its values one after another. NULL is <c>~</c>; any other value is its text and a comma:
/// <list type="table">
/// <item><term>Number</term><description>integers and decimals as <see cref="Canonical.NumberText"/> writes them (5.00 is 5, no exponent).</description></item>
/// <item><term>Boolean</term><description><c>1</c> or <c>0</c>.</description></item>
/// <item><term>Text</term><description>the length of its UTF-8 bytes in decimal, a colon, the bytes (so no text can end early).</description></item>
/// <item><term>Bytes</term><description>lower-case hex.</description></item>
/// <item><term>Timestamp</term><description>microseconds since 1970-01-01 00:00 (an instant in UTC, a wall-clock time as if UTC); a
/// tenth of a microsecond, which no database holds, as <c>.</c> and its digit.</description></item>
/// <item><term>Date</term><description>days since 1970-01-01.</description></item>
/// <item><term>Uuid</term><description>lower-case, hyphenated.</description></item>
/// <item><term>Canonical</term><description><c>#</c> and the lower-case hex of the canonical encoding.</description></item>
/// </list>
/// A value its type cannot be (an infinite timestamp, a refused conversion) is <c>!</c> and words no other value's text begins with:
/// it equals nothing on the other side, so its row is read and compared in full.
/// </remarks>
public static class HashText
{
    public static HashKind KindOf(NeutralType type) => type switch
    {
        NeutralType.Int16 or NeutralType.Int32 or NeutralType.Int64 or NeutralType.Decimal => HashKind.Number,
        NeutralType.Boolean => HashKind.Boolean,
        NeutralType.Text => HashKind.Text,
        NeutralType.Blob => HashKind.Bytes,
        NeutralType.Timestamp or NeutralType.TimestampTz => HashKind.Timestamp,
        NeutralType.Date => HashKind.Date,
        NeutralType.Uuid => HashKind.Uuid,
        _ => HashKind.Canonical,
    };

    /// <summary>Appends one value's hash text, the value read as <paramref name="type"/>.</summary>
    public static void Append(ArrayBufferWriter<byte> into, object? value, NeutralType type)
    {
        if (value is null or DBNull)
        {
            Ascii(into, "~");
            return;
        }
        // The two kinds most rows are made of are written in place, without a string between: this runs per value.
        var kind = KindOf(type);
        if (kind == HashKind.Text)
        {
            AppendText(into, value);
            return;
        }
        if (kind == HashKind.Number && value is long number)
        {
            number.TryFormat(into.GetSpan(21), out var written, default, CultureInfo.InvariantCulture);
            into.Advance(written);
            Ascii(into, ",");
            return;
        }
        string text;
        try
        {
            text = Body(value, type);
        }
        catch (Exception e) when (e is ValueRefusedException or FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            text = "!" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(e.Message));
        }
        Ascii(into, text + ",");
    }

    /// <summary>The length of a text's UTF-8 bytes, a colon, the bytes (an invalid text's as stored), a comma.</summary>
    private static void AppendText(ArrayBufferWriter<byte> into, object value)
    {
        if (value is string s)
        {
            var length = Encoding.UTF8.GetByteCount(s);
            AppendLength(into, length);
            into.Advance(Encoding.UTF8.GetBytes(s, into.GetSpan(length)));
        }
        else
        {
            var bytes = TextBytes(value);
            AppendLength(into, bytes.Length);
            into.Write(bytes);
        }
        Ascii(into, ",");
    }

    private static void AppendLength(ArrayBufferWriter<byte> into, int length)
    {
        length.TryFormat(into.GetSpan(11), out var written, default, CultureInfo.InvariantCulture);
        into.Advance(written);
        Ascii(into, ":");
    }

    /// <summary>Appends a refusal: a source value the target's type cannot hold, equal to nothing the target holds.</summary>
    public static void AppendRefused(ArrayBufferWriter<byte> into, string reason) =>
        Ascii(into, "!" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(reason)) + ",");

    /// <summary>A row's hash: the first 64 bits of the MD5 of its hash text, as a big-endian number (what SQL's <c>md5</c> and a hex prefix give).</summary>
    public static ulong Of(ReadOnlySpan<byte> row)
    {
        Span<byte> digest = stackalloc byte[MD5.HashSizeInBytes];
        MD5.HashData(row, digest);
        return BinaryPrimitives.ReadUInt64BigEndian(digest);
    }

    private static string Body(object value, NeutralType type)
    {
        switch (KindOf(type))
        {
            case HashKind.Number:
                return Canonical.NumberText(value);
            case HashKind.Boolean:
                return ValueConverters.ToBoolean(value) ? "1" : "0";
            case HashKind.Bytes:
                return Convert.ToHexStringLower(value as byte[] ?? throw new InvalidCastException($"{value.GetType().Name} is not bytes"));
            case HashKind.Timestamp:
                var ticks = (ValueConverters.ToInstant(value) - DateTime.UnixEpoch).Ticks;
                var micros = Math.DivRem(ticks, 10, out var tenth) - (tenth < 0 ? 1 : 0);
                if (tenth < 0) tenth += 10;
                return micros.ToString(CultureInfo.InvariantCulture) + (tenth == 0 ? "" : "." + tenth.ToString(CultureInfo.InvariantCulture));
            case HashKind.Date:
                return (ValueConverters.ToDate(value).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber).ToString(CultureInfo.InvariantCulture);
            case HashKind.Uuid:
                return ValueConverters.ToUuid(value).ToString("D");
            default:
                return "#" + Convert.ToHexStringLower(Canonical.Of(value, type));
        }
    }

    private static byte[] TextBytes(object value) => value switch
    {
        string s => Encoding.UTF8.GetBytes(s),
        Utf8Text t => t.Bytes,
        InvalidText t => t.Bytes,
        _ => Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private static void Ascii(ArrayBufferWriter<byte> into, string text) =>
        into.Advance(Encoding.ASCII.GetBytes(text, into.GetSpan(text.Length)));
}

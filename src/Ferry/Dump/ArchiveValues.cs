using System.Numerics;
using System.Text;
using Ferry.Values;

namespace Ferry.Dump;

/// <summary>
/// How an archive stores one value: a tag byte, then the value in a form that gives back the same CLR value the
/// source's reader handed over, type included, so a restore converts exactly what a copy from the live source
/// would. Unlike <see cref="Canonical"/>, which makes equal values equal bytes for a hash, nothing is normalised:
/// 5.00 stays 5.00, a wall-clock time stays unzoned. This file is the format's specification for values.
/// </summary>
/// <remarks>
/// A long, a date, a time of day and every length are 7-bit groups (low first; a long zigzagged first); a ulong, a
/// double, a decimal and the ticks of a DateTime, DateTimeOffset or TimeSpan are fixed-width little-endian; texts are
/// their UTF-8 bytes after their length. A value of a type not listed here is refused by name: the archive never
/// holds a guess.
/// </remarks>
public static class ArchiveValues
{
    private enum Tag : byte
    {
        Null = 0, Long = 1, ULong = 2, Double = 3, Decimal = 4, Text = 5, Bytes = 6, False = 7, True = 8,
        Date = 9, Time = 10, DateTime = 11, DateTimeOffset = 12, TimeSpan = 13, Guid = 14, ExactText = 15,
        InvalidText = 16, BigInteger = 17,
    }

    /// <summary>Strict UTF-8: a string holding half a surrogate pair is refused, never written as U+FFFD.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes <paramref name="value"/>; false (and nothing written) when its type has no tag.</summary>
    public static bool TryWrite(BinaryWriter output, object? value)
    {
        switch (value)
        {
            case null: output.Write((byte)Tag.Null); break;
            case long l: Tagged(output, Tag.Long).Write7BitEncodedInt64((l << 1) ^ (l >> 63)); break;
            case ulong u: Tagged(output, Tag.ULong).Write(u); break;
            case double d: Tagged(output, Tag.Double).Write(d); break;
            case decimal m: Tagged(output, Tag.Decimal).Write(m); break;
            case string s: Tagged(output, Tag.Text).Write(s); break;
            // The same text as its UTF-8 bytes, as a reader that skips decoding hands it over: stored alike, read back a string.
            case Utf8Text u: Bytes(Tagged(output, Tag.Text), u.Bytes); break;
            case byte[] b: Bytes(Tagged(output, Tag.Bytes), b); break;
            case bool b: output.Write((byte)(b ? Tag.True : Tag.False)); break;
            case DateOnly d: Tagged(output, Tag.Date).Write7BitEncodedInt(d.DayNumber); break;
            case TimeOnly t: Tagged(output, Tag.Time).Write7BitEncodedInt64(t.Ticks); break;
            // Its kind and its ticks as they are: ToBinary would carry a local time through this machine's time zone.
            case DateTime t:
                Tagged(output, Tag.DateTime).Write((byte)t.Kind);
                output.Write(t.Ticks);
                break;
            case DateTimeOffset t:
                Tagged(output, Tag.DateTimeOffset).Write(t.Ticks);
                output.Write((short)t.Offset.TotalMinutes);
                break;
            case TimeSpan t: Tagged(output, Tag.TimeSpan).Write(t.Ticks); break;
            case Guid g: Tagged(output, Tag.Guid).Write(g.ToByteArray()); break;
            case ExactText e:
                Tagged(output, Tag.ExactText).Write(e.Kind);
                output.Write(e.Text);
                break;
            case InvalidText i: Bytes(Tagged(output, Tag.InvalidText), i.Bytes); break;
            case BigInteger n: Bytes(Tagged(output, Tag.BigInteger), n.ToByteArray()); break;
            default: return false;
        }
        return true;
    }

    /// <summary>Reads one value as <see cref="TryWrite"/> wrote it.</summary>
    public static object? Read(BinaryReader input)
    {
        var tag = (Tag)input.ReadByte();
        switch (tag)
        {
            case Tag.Null: return null;
            case Tag.Long:
                var z = input.Read7BitEncodedInt64();
                return (long)((ulong)z >> 1) ^ -(z & 1);
            case Tag.ULong: return input.ReadUInt64();
            case Tag.Double: return input.ReadDouble();
            case Tag.Decimal: return input.ReadDecimal();
            case Tag.Text: return input.ReadString();
            case Tag.Bytes: return Bytes(input);
            case Tag.False: return false;
            case Tag.True: return true;
            case Tag.Date: return DateOnly.FromDayNumber(input.Read7BitEncodedInt());
            case Tag.Time: return new TimeOnly(input.Read7BitEncodedInt64());
            case Tag.DateTime:
                var dateKind = (DateTimeKind)input.ReadByte();
                return new DateTime(input.ReadInt64(), dateKind);
            case Tag.DateTimeOffset:
                var ticks = input.ReadInt64();
                return new DateTimeOffset(ticks, TimeSpan.FromMinutes(input.ReadInt16()));
            case Tag.TimeSpan: return new TimeSpan(input.ReadInt64());
            case Tag.Guid: return new Guid(input.ReadBytes(16));
            case Tag.ExactText:
                var kind = input.ReadString();
                return new ExactText(kind, input.ReadString());
            case Tag.InvalidText: return new InvalidText(Bytes(input));
            case Tag.BigInteger: return new BigInteger(Bytes(input));
            default: throw new InvalidDataException($"a value of unknown kind {(byte)tag}");
        }
    }

    private static BinaryWriter Tagged(BinaryWriter output, Tag tag)
    {
        output.Write((byte)tag);
        return output;
    }

    private static void Bytes(BinaryWriter output, byte[] bytes)
    {
        output.Write7BitEncodedInt(bytes.Length);
        output.Write(bytes);
    }

    private static byte[] Bytes(BinaryReader input)
    {
        var length = input.Read7BitEncodedInt();
        var bytes = input.ReadBytes(length);
        if (bytes.Length != length) throw new EndOfStreamException();
        return bytes;
    }
}

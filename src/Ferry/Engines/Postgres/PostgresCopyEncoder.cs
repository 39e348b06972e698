using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Engines.Postgres;

/// <summary>
/// Encodes rows in PostgreSQL's binary COPY format straight into a buffer that ships to the server's
/// raw COPY stream. Npgsql's importer binds a parameter per value, which cost more CPU than reading
/// the source; here each column's encoding is chosen once and a value is a few bytes written.
/// </summary>
/// <remarks>The format: a header, then per row a field count and per field a length (-1 for NULL) and the bytes, then -1.</remarks>
internal sealed class PostgresCopyEncoder(Stream stream, IReadOnlyList<NeutralType> types)
{
    private const int BufferSize = 64 * 1024;
    private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];
    // PostgreSQL counts dates and times from 2000-01-01.
    private static readonly long EpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).Ticks;
    private static readonly int EpochDay = new DateOnly(2000, 1, 1).DayNumber;

    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly NeutralType[] _types = [.. types];
    private int _used;

    public void Start()
    {
        Header.CopyTo(_buffer, 0);
        _used = Header.Length;
    }

    public async ValueTask WriteRowAsync(object?[] row, CancellationToken ct)
    {
        // Before each field at least 20 bytes are free: 4 of length and up to 16 of a fixed-size value.
        if (_used + 2 + 20 > BufferSize) await FlushAsync(ct).ConfigureAwait(false);
        Int16(_types.Length);
        for (var i = 0; i < _types.Length; i++)
        {
            var value = row[i];
            if (value is null)
            {
                Int32(-1);
                continue;
            }
            switch (_types[i])
            {
                case NeutralType.Boolean: Int32(1); _buffer[_used++] = (bool)value ? (byte)1 : (byte)0; break;
                case NeutralType.Int16: Int32(2); Int16((short)(long)value); break;
                case NeutralType.Int32: Int32(4); Int32((int)(long)value); break;
                case NeutralType.Int64: Int32(8); Int64((long)value); break;
                case NeutralType.Float32: Int32(4); Int32(BitConverter.SingleToInt32Bits((float)(double)value)); break;
                case NeutralType.Float64: Int32(8); Int64(BitConverter.DoubleToInt64Bits((double)value)); break;
                case NeutralType.Date: Int32(4); Int32(((DateOnly)value).DayNumber - EpochDay); break;
                case NeutralType.Time: Int32(8); Int64(((TimeOnly)value).Ticks / 10); break;
                case NeutralType.Timestamp: Int32(8); Int64((((DateTime)value).Ticks - EpochTicks) / 10); break;
                case NeutralType.TimestampTz: Int32(8); Int64((Utc((DateTime)value).Ticks - EpochTicks) / 10); break;
                case NeutralType.Interval: Interval((TimeSpan)value); break;
                case NeutralType.Uuid: Int32(16); ((Guid)value).TryWriteBytes(_buffer.AsSpan(_used), bigEndian: true, out _); _used += 16; break;
                // A numeric past decimal's 28 digits arrives as its text (from PostgreSQL) and goes back exactly.
                case NeutralType.Decimal: await BytesAsync(PostgresNumeric.FromText(value is decimal m ? m.ToString(CultureInfo.InvariantCulture) : (string)value), ct).ConfigureAwait(false); break;
                case NeutralType.Blob: await BytesAsync((byte[])value, ct).ConfigureAwait(false); break;
                // jsonb's binary form is a version byte, then the text.
                case NeutralType.Json when value is Utf8Text utf8: await BytesAsync(utf8.Bytes, ct, jsonb: true).ConfigureAwait(false); break;
                case NeutralType.Json: await TextAsync((string)value, jsonb: true, ct).ConfigureAwait(false); break;
                default:
                    if (value is Utf8Text text) await BytesAsync(text.Bytes, ct).ConfigureAwait(false);
                    else await TextAsync((string)value, jsonb: false, ct).ConfigureAwait(false);
                    break;
            }
            if (_used + 20 > BufferSize) await FlushAsync(ct).ConfigureAwait(false);
        }
    }

    public async Task FinishAsync(CancellationToken ct)
    {
        if (_used + 2 > BufferSize) await FlushAsync(ct).ConfigureAwait(false);
        Int16(-1);
        await FlushAsync(ct).ConfigureAwait(false);
    }

    private async ValueTask FlushAsync(CancellationToken ct)
    {
        await stream.WriteAsync(_buffer.AsMemory(0, _used), ct).ConfigureAwait(false);
        _used = 0;
    }

    private async ValueTask TextAsync(string text, bool jsonb, CancellationToken ct)
    {
        var prefix = jsonb ? 1 : 0;
        // Most texts fit what is left of the buffer even at 3 bytes a char: encode in place, then write the length before them.
        var most = 4 + prefix + Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most <= BufferSize)
        {
            if (_used + most > BufferSize) await FlushAsync(ct).ConfigureAwait(false);
            var at = _used;
            _used += 4;
            if (jsonb) _buffer[_used++] = 1;
            _used += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_used));
            BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(at), _used - at - 4);
            return;
        }
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetByteCount(text));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, bytes);
            await BytesAsync(bytes.AsMemory(0, length), ct, jsonb).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <param name="jsonb">Writes jsonb's version byte before the bytes, inside the field.</param>
    private async ValueTask BytesAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct, bool jsonb = false)
    {
        var prefix = jsonb ? 1 : 0;
        if (_used + 4 + prefix + bytes.Length > BufferSize) await FlushAsync(ct).ConfigureAwait(false);
        Int32(prefix + bytes.Length);
        if (jsonb) _buffer[_used++] = 1;
        if (bytes.Length <= BufferSize - _used)
        {
            bytes.Span.CopyTo(_buffer.AsSpan(_used));
            _used += bytes.Length;
            return;
        }
        // Larger than the buffer (a 1 MiB blob): what is buffered goes first, then the bytes as they are.
        await FlushAsync(ct).ConfigureAwait(false);
        await stream.WriteAsync(bytes, ct).ConfigureAwait(false);
    }

    /// <summary>As Npgsql writes a TimeSpan: whole days apart, so '1 day 02:00' reads back as it was.</summary>
    private void Interval(TimeSpan span)
    {
        Int32(16);
        Int64(span.Ticks % TimeSpan.TicksPerDay / 10);
        Int32(span.Days);
        Int32(0);
    }

    private static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t;

    private void Int16(int value)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_used), (short)value);
        _used += 2;
    }

    private void Int32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_used), value);
        _used += 4;
    }

    private void Int64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_used), value);
        _used += 8;
    }
}

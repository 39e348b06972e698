using System.Buffers.Binary;

namespace Ferry.Engines.Postgres;

/// <summary>
/// Counts the rows in a binary COPY stream as it passes, without decoding a value, by walking each
/// tuple's field count and field lengths. The server's own count is not handed to a raw COPY's caller.
/// </summary>
internal sealed class CopyRowCounter
{
    private enum Expect { HeaderExtension, FieldCount, FieldLength, Done }

    // The binary header: 11 bytes of signature, then 4 bytes of flags, then the extension's length.
    private const int SignatureAndFlags = 15;

    private readonly byte[] _integer = new byte[4];
    private long _skip = SignatureAndFlags;
    private Expect _expect = Expect.HeaderExtension;
    private int _need = 4;
    private int _have;
    private int _fieldsLeft;

    public long Rows { get; private set; }

    public void Add(ReadOnlySpan<byte> chunk)
    {
        var i = 0;
        while (i < chunk.Length && _expect != Expect.Done)
        {
            if (_skip > 0)
            {
                var n = (int)Math.Min(_skip, chunk.Length - i);
                i += n;
                _skip -= n;
                continue;
            }
            _integer[_have++] = chunk[i++];
            if (_have < _need) continue;
            _have = 0;
            var value = _need == 2 ? BinaryPrimitives.ReadInt16BigEndian(_integer) : BinaryPrimitives.ReadInt32BigEndian(_integer);
            Next(value);
        }
    }

    private void Next(int value)
    {
        switch (_expect)
        {
            case Expect.HeaderExtension:
                _skip = value;
                (_expect, _need) = (Expect.FieldCount, 2);
                break;
            case Expect.FieldCount when value == -1:
                _expect = Expect.Done; // the trailer
                break;
            case Expect.FieldCount:
                Rows++;
                _fieldsLeft = value;
                if (value > 0) (_expect, _need) = (Expect.FieldLength, 4);
                break;
            case Expect.FieldLength:
                if (value > 0) _skip = value; // -1 is NULL: no bytes follow
                if (--_fieldsLeft == 0) (_expect, _need) = (Expect.FieldCount, 2);
                break;
        }
    }
}

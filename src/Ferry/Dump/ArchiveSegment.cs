using System.Security.Cryptography;

namespace Ferry.Dump;

/// <summary>
/// One table's stored bytes, hashed as they pass: written (<see cref="Writing"/>) in front of the archive file, whose
/// position and length it counts, or read (<see cref="Reading"/>) from their place in it, ending exactly there.
/// </summary>
internal sealed class ArchiveSegment : Stream
{
    private readonly Stream _file;
    private readonly bool _reading;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _left, _passed;

    private ArchiveSegment(Stream file, bool reading, long length)
    {
        _file = file;
        _reading = reading;
        _left = length;
    }

    public static ArchiveSegment Writing(Stream file) => new(file, reading: false, long.MaxValue);

    public static ArchiveSegment Reading(Stream file, ArchivedTable table)
    {
        file.Seek(table.Offset, SeekOrigin.Begin);
        return new ArchiveSegment(file, reading: true, table.Length);
    }

    /// <summary>The bytes that have passed.</summary>
    public long Passed => _passed;

    /// <summary>The SHA-256 of the bytes that have passed, in lowercase hex; once, at the end.</summary>
    public string Sha256() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    /// <summary>True when every byte of the segment has been read.</summary>
    public bool AtEnd => _left == 0;

    public override int Read(Span<byte> buffer)
    {
        var read = _file.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
        if (read == 0 && _left > 0) throw new EndOfStreamException();
        Passing(buffer[..read]);
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _file.Write(buffer);
        Passing(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    private void Passing(ReadOnlySpan<byte> bytes)
    {
        _hash.AppendData(bytes);
        _passed += bytes.Length;
        _left -= bytes.Length;
    }

    public override bool CanRead => _reading;
    public override bool CanWrite => !_reading;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _passed; set => throw new NotSupportedException(); }
    public override void Flush() => _file.Flush();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _hash.Dispose();
        base.Dispose(disposing);
    }
}

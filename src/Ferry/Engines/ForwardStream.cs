namespace Ferry.Engines;

/// <summary>
/// A stream read once from its start to its end, never written or sought: what a bulk load reads (a MySQL
/// LOAD DATA chunk) and what an archive hands out (a table's checked rows). Only the reading is a subclass's own.
/// </summary>
public abstract class ForwardStream : Stream
{
    public sealed override bool CanRead => true;
    public sealed override bool CanSeek => false;
    public sealed override bool CanWrite => false;
    public sealed override long Length => throw new NotSupportedException();
    public sealed override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public sealed override void Flush() { }
    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public sealed override void SetLength(long value) => throw new NotSupportedException();
    public sealed override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

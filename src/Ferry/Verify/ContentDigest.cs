using System.IO.Hashing;

namespace Ferry.Verify;

/// <summary>
/// A table's content as one checksum that does not depend on the order rows arrive in: the sum, modulo
/// 2^128, of each row's XxHash128 over its canonical encoding, with the row count beside it. Two sides
/// whose rows are the same multiset have the same digest whatever order each engine returns them in, so
/// neither side needs sorting and memory stays flat.
/// </summary>
internal sealed class ContentDigest
{
    private UInt128 _sum;

    public long Rows { get; private set; }

    public void Add(ReadOnlySpan<byte> row)
    {
        _sum += XxHash128.HashToUInt128(row);
        Rows++;
    }

    public string Hex => $"{_sum:x32}";

    public bool SameAs(ContentDigest other) => _sum == other._sum && Rows == other.Rows;
}

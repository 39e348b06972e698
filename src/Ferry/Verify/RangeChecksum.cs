using System.Globalization;
using System.Numerics;

namespace Ferry.Verify;

/// <summary>
/// The rows of a key range as two numbers: how many, and the sum modulo 2^64 of each row's
/// <see cref="Values.HashText.Of"/>. A sum does not depend on the order rows come in, so a database can
/// compute it with SUM and Ferry while streaming, and the two agree when the rows do.
/// </summary>
internal readonly record struct RangeChecksum(long Rows, ulong Sum)
{
    private static readonly BigInteger Modulus = BigInteger.One << 64;

    public RangeChecksum Add(ulong row) => new(Rows + 1, unchecked(Sum + row));

    public static RangeChecksum operator +(RangeChecksum a, RangeChecksum b) => new(a.Rows + b.Rows, unchecked(a.Sum + b.Sum));

    /// <summary>A database's count and exact decimal sum (PostgreSQL sums signed 64-bit halves, MySQL unsigned: equal modulo 2^64).</summary>
    public static RangeChecksum Of(object? rows, object? sum)
    {
        var total = sum is null ? BigInteger.Zero : BigInteger.Parse(Convert.ToString(sum, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture);
        var reduced = ((total % Modulus) + Modulus) % Modulus;
        return new(Convert.ToInt64(rows, CultureInfo.InvariantCulture), (ulong)reduced);
    }

    public string Hex => $"{Sum:x16}";
}

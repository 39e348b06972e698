using Ferry.Schema;
using Ferry.Values;
using Xunit;

namespace Ferry.Tests.Values;

/// <summary>The key order verify merges two sides in: numbers by value whatever their CLR type, texts by UTF-8 bytes.</summary>
public sealed class CanonicalOrderTests
{
    public static TheoryData<object?, object?, NeutralType, int> Pairs => new()
    {
        { null, 0L, NeutralType.Int64, -1 },
        { 9007199254740993L, 9007199254740992.0, NeutralType.Decimal, 1 },   // 2^53+1 beyond a double's precision
        { 5L, 5.00m, NeutralType.Decimal, 0 },
        { ulong.MaxValue, long.MaxValue, NeutralType.Decimal, 1 },
        { 1e300, 1L, NeutralType.Decimal, 1 },
        { 5e-324, 0L, NeutralType.Decimal, 1 },       // the smallest real is not zero
        { double.NegativeInfinity, long.MinValue, NeutralType.Decimal, -1 },
        { 10L, "9", NeutralType.Unknown, -1 },     // SQLite: every number before every text
        { "Zebra", "apple", NeutralType.Text, -1 }, // bytes, not a collation: capitals first
        { "\uFFFD", "😀", NeutralType.Text, -1 },  // code points, not UTF-16 units
        { "b", new byte[] { 0 }, NeutralType.Unknown, -1 },
        // PostgreSQL's values past a type's range, read as text, sort where PostgreSQL sorts them.
        { "-Infinity", -1e300, NeutralType.Decimal, -1 },
        { "Infinity", 79228162514264337593543950335m, NeutralType.Decimal, 1 },
        { "NaN", "Infinity", NeutralType.Decimal, 1 },
        { double.NaN, double.PositiveInfinity, NeutralType.Float64, 1 },  // .NET puts NaN below every number
        { double.NaN, double.NaN, NeutralType.Float64, 0 },
        { "-infinity", "0044-03-15 00:00:00 BC", NeutralType.Timestamp, -1 },
        { "0044-03-15 00:00:00 BC", new DateTime(1, 1, 1), NeutralType.Timestamp, -1 },
        { "infinity", new DateTime(9999, 12, 31), NeutralType.Timestamp, 1 },
        { "-infinity", new DateOnly(1, 1, 1), NeutralType.Date, -1 },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void ComparesAsEveryEngineIsAskedToSort(object? a, object? b, NeutralType type, int expected)
    {
        Assert.Equal(expected, Math.Sign(CanonicalOrder.Compare(a, b, type)));
        Assert.Equal(-expected, Math.Sign(CanonicalOrder.Compare(b, a, type)));
    }
}

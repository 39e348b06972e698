using System.Numerics;
using System.Text;
using Ferry.Dump;
using Ferry.Values;
using Xunit;

namespace Ferry.Tests.Dump;

/// <summary>Every value shape a reader hands over comes back from the archive's encoding as the same value of the same type.</summary>
public sealed class ArchiveValuesTests
{
    public static TheoryData<object?> Values() => new()
    {
        null, 0L, 1L, -1L, long.MaxValue, long.MinValue, 300L, -300L,
        ulong.MaxValue, 9223372036854775808UL,
        0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue, 0.1,
        5m, 5.00m, -0.0001m, decimal.MaxValue, decimal.MinValue, 79228162514264337593543950335m,
        "", "a", "안녕하세요 👋", "nul\0byte", new string('x', 100_000),
        Array.Empty<byte>(), new byte[] { 0, 255, 16 },
        true, false,
        new DateOnly(1, 1, 1), new DateOnly(9999, 12, 31), new DateOnly(2024, 2, 29),
        TimeOnly.MinValue, TimeOnly.MaxValue, new TimeOnly(13, 45, 30, 123, 456),
        new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(7), new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified), DateTime.MinValue, DateTime.MaxValue, new DateTime(2024, 7, 1, 12, 0, 0, DateTimeKind.Local),
        new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(9)), new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromMinutes(-570)),
        TimeSpan.Zero, TimeSpan.MaxValue, TimeSpan.MinValue, TimeSpan.FromDays(-40.5),
        Guid.Parse("0b4c1a5e-8f2d-4c3b-9a1e-7d6f5e4c3b2a"), Guid.Empty,
        new ExactText("timestamp", "infinity"), new ExactText("date", "0044-03-15 BC"),
        new InvalidText([0xff, 0xfe, 0x41]),
        BigInteger.Parse("-123456789012345678901234567890123456789"),
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void AValueComesBackTheSameAndOfTheSameType(object? value)
    {
        var back = RoundTrip(value);

        Assert.Equal(value?.GetType(), back?.GetType());
        switch (value)
        {
            case double d:
                Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits((double)back!));
                break;
            case decimal m:
                // The scale too: 5.00 is not 5.
                Assert.Equal(decimal.GetBits(m), decimal.GetBits((decimal)back!));
                break;
            case DateTime t:
                Assert.Equal((t.Ticks, t.Kind), (((DateTime)back!).Ticks, ((DateTime)back).Kind));
                break;
            case DateTimeOffset t:
                Assert.Equal((t.Ticks, t.Offset), (((DateTimeOffset)back!).Ticks, ((DateTimeOffset)back).Offset));
                break;
            case byte[] b:
                Assert.Equal(b, (byte[])back!);
                break;
            case InvalidText i:
                Assert.Equal(i.Bytes, ((InvalidText)back!).Bytes);
                break;
            default:
                Assert.Equal(value, back);
                break;
        }
    }

    [Fact]
    public void AUtf8TextIsStoredAsTheTextItIsAndReadBackAsAString()
    {
        using var bytes = new MemoryStream();
        using var asString = new MemoryStream();
        using (var writer = new BinaryWriter(bytes, ArchiveValues.Utf8, leaveOpen: true))
            Assert.True(ArchiveValues.TryWrite(writer, new Utf8Text(Encoding.UTF8.GetBytes("안녕 👋"))));
        using (var writer = new BinaryWriter(asString, ArchiveValues.Utf8, leaveOpen: true))
            Assert.True(ArchiveValues.TryWrite(writer, "안녕 👋"));

        Assert.Equal(asString.ToArray(), bytes.ToArray());
        Assert.Equal("안녕 👋", RoundTrip(new Utf8Text(Encoding.UTF8.GetBytes("안녕 👋"))));
    }

    [Fact]
    public void ATypeWithoutAFormIsNotWrittenAndHalfASurrogatePairIsRefused()
    {
        using var output = new MemoryStream();
        using var writer = new BinaryWriter(output, ArchiveValues.Utf8);

        Assert.False(ArchiveValues.TryWrite(writer, 5));
        Assert.False(ArchiveValues.TryWrite(writer, new object()));
        Assert.Throws<EncoderFallbackException>(() => ArchiveValues.TryWrite(writer, "a\ud800b"));
    }

    [Fact]
    public void AnUnknownTagIsRefused()
    {
        using var reader = new BinaryReader(new MemoryStream([200]), ArchiveValues.Utf8);

        Assert.Equal("a value of unknown kind 200", Assert.Throws<InvalidDataException>(() => ArchiveValues.Read(reader)).Message);
    }

    private static object? RoundTrip(object? value)
    {
        using var output = new MemoryStream();
        using (var writer = new BinaryWriter(output, ArchiveValues.Utf8, leaveOpen: true))
            Assert.True(ArchiveValues.TryWrite(writer, value));
        output.Position = 0;
        using var reader = new BinaryReader(output, ArchiveValues.Utf8);
        var back = ArchiveValues.Read(reader);
        Assert.Equal(output.Length, output.Position);
        return back;
    }
}

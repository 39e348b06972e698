using System.Text;
using Ferry.Schema;
using Ferry.Values;
using Xunit;

namespace Ferry.Tests.Values;

/// <summary>The canonical encoding: one value from any engine's representation gives the same bytes; two values a user could tell apart never do.</summary>
public class CanonicalTests
{
    private static string Hex(object? value, NeutralType type) => Convert.ToHexString(Canonical.Of(value, type));

    [Fact]
    public void AnExactNumberIsOneValueWhateverItsRepresentation()
    {
        var five = Hex(5L, NeutralType.Int64);
        Assert.Equal("0135", five);
        foreach (var same in new object[] { 5.00m, 5UL, "5", "5.000", "0.5e1", "+5", (short)5 })
            Assert.Equal(five, Hex(same, NeutralType.Decimal));
        Assert.Equal(Hex("0", NeutralType.Decimal), Hex(-0.0m, NeutralType.Decimal));
        Assert.Equal(Encoding.ASCII.GetBytes("123456789012345678901234567890.000000000000000000000000000001"),
            Canonical.Of("123456789012345678901234567890.0000000000000000000000000000010", NeutralType.Decimal)[1..]);
        Assert.Equal("01" + Convert.ToHexString("18446744073709551615"u8), Hex(ulong.MaxValue, NeutralType.Decimal));
        Assert.Equal("01" + Convert.ToHexString("NaN"u8), Hex("NaN", NeutralType.Decimal));
        Assert.NotEqual(Hex(5L, NeutralType.Int64), Hex("5", NeutralType.Text));
    }

    [Fact]
    public void FloatsAreBitExactWithSignedZeroAndOneNaN()
    {
        Assert.Equal("023FF8000000000000", Hex(1.5, NeutralType.Float64));
        Assert.Equal(Hex(1.5, NeutralType.Float64), Hex(1.5f, NeutralType.Float32));
        Assert.NotEqual(Hex(0.0, NeutralType.Float64), Hex(-0.0, NeutralType.Float64));
        Assert.Equal(Hex(double.NaN, NeutralType.Float64), Hex(BitConverter.Int64BitsToDouble(0x7FF0000000000001), NeutralType.Float64));
        Assert.NotEqual(Hex(0.1, NeutralType.Float64), Hex(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(0.1) + 1), NeutralType.Float64));
    }

    [Fact]
    public void TextIsItsStoredBytes()
    {
        Assert.Equal(Hex("한국어 🎉", NeutralType.Text), Hex(new Utf8Text(Encoding.UTF8.GetBytes("한국어 🎉")), NeutralType.Text));
        Assert.Equal("0300000002FF41", Hex(new InvalidText([0xFF, 0x41]), NeutralType.Text));
        Assert.NotEqual(Hex("", NeutralType.Text), Hex(null, NeutralType.Text));
        Assert.NotEqual(Hex("a", NeutralType.Text), Hex("a ", NeutralType.Text));
        Assert.NotEqual(Hex("abc", NeutralType.Text), Hex("abc"u8.ToArray(), NeutralType.Blob));
    }

    [Fact]
    public void TimestampsAreUtcMicrosecondsAndKeepATenth()
    {
        var utc = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1_234_560);
        var expected = Hex(utc, NeutralType.TimestampTz);
        Assert.Equal(expected, Hex(new DateTimeOffset(utc).ToOffset(TimeSpan.FromHours(9)), NeutralType.TimestampTz));
        Assert.Equal(expected, Hex("2024-01-02 12:04:05.123456+09:00", NeutralType.TimestampTz));
        Assert.Equal(expected, Hex("2024-01-02T03:04:05.123456Z", NeutralType.Timestamp));
        Assert.NotEqual(expected, Hex(utc.AddTicks(1), NeutralType.TimestampTz));
        Assert.Equal("06" + (1_704_164_645_123_456L).ToString("X16"), expected);
        Assert.Equal("06FFFFFFFFFFFFFFFF09", Hex(DateTime.UnixEpoch.AddTicks(-1), NeutralType.Timestamp));
        Assert.Equal(Hex(new DateOnly(1970, 1, 2), NeutralType.Date), Hex("1970-01-02", NeutralType.Date));
    }

    [Fact]
    public void JsonIsComparedAsJsonbKeepsIt()
    {
        var canonical = Hex("""{"b":1,"a":[1,2.50,"x"]}""", NeutralType.Json);
        Assert.Equal(canonical, Hex("""{ "a": [1, 2.50, "x"],  "b": 0, "b": 1 }""", NeutralType.Json));
        Assert.NotEqual(canonical, Hex("""{"a":[1,2.5,"x"],"b":1}""", NeutralType.Json));
        Assert.NotEqual(Hex("""{"a":1}""", NeutralType.Text), Hex("""{"a": 1}""", NeutralType.Text));
    }

    [Fact]
    public void UuidsAndBooleansHaveOneForm()
    {
        var id = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        Assert.Equal("0A00112233445566778899AABBCCDDEEFF", Hex(id, NeutralType.Uuid));
        Assert.Equal(Hex(id, NeutralType.Uuid), Hex("00112233-4455-6677-8899-AABBCCDDEEFF", NeutralType.Uuid));
        Assert.Equal(Hex(true, NeutralType.Boolean), Hex(1L, NeutralType.Boolean));
        Assert.Throws<ValueRefusedException>(() => Canonical.Of(2L, NeutralType.Boolean));
    }
}

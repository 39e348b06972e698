using Xunit;
using System.Buffers;
using System.Text;
using System.Text.Json;
using Ferry.Engines.Libsql;

namespace Ferry.Tests.Engines.Libsql;

/// <summary>The JSON value codec, without a server: what Hrana's spec and sqld's habits require of it.</summary>
public class HranaValueTests
{
    private static object? Decode(string json)
    {
        using var document = JsonDocument.Parse(json);
        return HranaValue.Decode(document.RootElement);
    }

    private static string Encode(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) HranaValue.Write(writer, value);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static object? RoundTrip(object? value) => Decode(Encode(value));

    [Theory]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("0", 0L)]
    [InlineData("-1", -1L)]
    public void IntegersTravelAsStrings(string text, long expected)
    {
        Assert.Equal(expected, Decode($$"""{"type":"integer","value":"{{text}}"}"""));
        Assert.Equal($$"""{"type":"integer","value":"{{text}}"}""", Encode(expected));
    }

    [Fact]
    public void IntegerExtremesSurviveARoundTrip()
    {
        // A double holds 53 bits: these would come back changed if anything on the way were a JSON number.
        Assert.Equal(long.MaxValue, RoundTrip(long.MaxValue));
        Assert.Equal(long.MinValue, RoundTrip(long.MinValue));
        Assert.Equal(9007199254740993L, RoundTrip(9007199254740993L));
        Assert.IsType<long>(RoundTrip(7));
        Assert.Equal(1L, RoundTrip(true));
    }

    [Fact]
    public void IntegerGivenAsANumberIsStillRead() =>
        Assert.Equal(42L, Decode("""{"type":"integer","value":42}"""));

    [Theory]
    [InlineData("AQ", new byte[] { 1 })]
    [InlineData("AQ==", new byte[] { 1 })]
    [InlineData("AQI", new byte[] { 1, 2 })]
    [InlineData("AQI=", new byte[] { 1, 2 })]
    [InlineData("AQL/", new byte[] { 1, 2, 255 })]
    [InlineData("", new byte[0])]
    public void BlobsDecodeWithOrWithoutPadding(string base64, byte[] expected) =>
        Assert.Equal(expected, Decode($$"""{"type":"blob","base64":"{{base64}}"}"""));

    [Fact]
    public void BlobsRoundTrip()
    {
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        Assert.Equal(bytes, RoundTrip(bytes));
        Assert.Equal(new byte[] { 0 }, RoundTrip(new byte[] { 0 }));
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.MaxValue)]
    [InlineData(double.Epsilon)]
    [InlineData(1e-300)]
    public void FloatsRoundTripExactly(double value)
    {
        var back = RoundTrip(value);
        Assert.IsType<double>(back);
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits((double)back!));
    }

    [Fact]
    public void WholeFloatsStayFloats() => Assert.IsType<double>(Decode("""{"type":"float","value":2.0}"""));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonFiniteFloatsAreRefusedNotSent(double value) =>
        // The spec's float is a JSON number; JSON has no NaN or Infinity.
        Assert.Throws<ArgumentOutOfRangeException>(() => Encode(value));

    [Fact]
    public void NonFiniteFloatFromSqldIsAnErrorNotAGuess()
    {
        // sqld writes Infinity as "value":null (serde_json); its sign is lost, so reading it is an error.
        var e = Assert.Throws<HranaException>(() => Decode("""{"type":"float","value":null}"""));
        Assert.Contains("Infinity", e.Message);
    }

    [Fact]
    public void NullIsNull()
    {
        Assert.Null(Decode("""{"type":"null"}"""));
        Assert.Equal("""{"type":"null"}""", Encode(null));
        Assert.Equal("""{"type":"null"}""", Encode(DBNull.Value));
    }

    [Theory]
    [InlineData("안녕하세요 👋")]
    [InlineData("")]
    [InlineData("say \"hi\" it's\nnew line \\ back`tick")]
    [InlineData("\u0000 nul inside")]
    public void TextRoundTrips(string text)
    {
        Assert.Equal(text, RoundTrip(text));
        Assert.Equal(text, Decode(JsonSerializer.Serialize(new { type = "text", value = text })));
    }

    [Fact]
    public void DecimalsKeepEveryDigitAsText() => Assert.Equal("12345678901234567890.123456789", RoundTrip(12345678901234567890.123456789m));

    [Fact]
    public void UnknownTypesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => Encode(new object()));
        Assert.Throws<ArgumentOutOfRangeException>(() => Encode(ulong.MaxValue));
        Assert.Throws<HranaException>(() => Decode("""{"type":"decimal","value":"1"}"""));
    }
}

using System.Globalization;
using System.Text;
using Ferry.Connections;
using Ferry.Schema;
using Ferry.Values;
using Xunit;

namespace Ferry.Tests.Values;

/// <summary>
/// One property test per conversion: generated values (edges first, then random ones from a fixed seed)
/// either come back from the conversion's inverse as the same canonical value, or are refused. A value
/// that converts and comes back different is a silent change, and fails the test with the value named.
/// </summary>
public class ConversionRoundTripTests
{
    private const int Random = 3000;

    private static void AssertRoundTrip<T>(IEnumerable<T> values, NeutralType sourceType, TypeChoice choice, EngineKind target, Func<object, object> inverse)
        where T : notnull
    {
        var convert = ValueConverters.For(choice, target);
        var carried = 0;
        foreach (var value in values)
        {
            object converted;
            try
            {
                converted = convert(value)!;
            }
            catch (ValueRefusedException)
            {
                continue;
            }
            carried++;
            var back = inverse(converted);
            Assert.True(Canonical.Same(value, sourceType, back, sourceType),
                $"{value} ({value.GetType().Name}) became {converted} and came back as {back}");
        }
        Assert.True(carried > 0, "every generated value was refused: the test proves nothing");
    }

    private static TypeChoice Choice(NeutralType type, ValueConversion conversion = ValueConversion.None) => new() { Type = type, Conversion = conversion, Evidence = "test" };

    private static System.Random Rng() => new(20261201);

    private static IEnumerable<long> Longs()
    {
        long[] edges = [0, 1, -1, long.MaxValue, long.MinValue, 1L << 53, (1L << 53) + 1, -(1L << 53) - 1, int.MaxValue, int.MinValue];
        var rng = Rng();
        return edges.Concat(Enumerable.Range(0, Random).Select(i => rng.NextInt64(long.MinValue, long.MaxValue) >> rng.Next(64)));
    }

    private static IEnumerable<double> Doubles()
    {
        double[] edges = [0.0, -0.0, 1240.11, 0.1, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, 1e-300, 1.2345678901234568E+29, 9007199254740993.0, 1e28, 7.9e28, 1e30, double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        var rng = Rng();
        return edges.Concat(Enumerable.Range(0, Random).Select(i => BitConverter.Int64BitsToDouble(rng.NextInt64())));
    }

    private static IEnumerable<decimal> Decimals()
    {
        decimal[] edges = [0m, -0.0m, 1.5m, decimal.MaxValue, decimal.MinValue, 0.1000000000000000000000000001m, 1240.11m, 0.0000000000000000000000000001m];
        var rng = Rng();
        return edges.Concat(Enumerable.Range(0, Random).Select(i => new decimal(rng.Next(), rng.Next(), rng.Next(), rng.Next(2) == 0, (byte)rng.Next(29))));
    }

    [Fact]
    public void IntegersIntoDoubles() => AssertRoundTrip(Longs(), NeutralType.Int64, Choice(NeutralType.Float64), EngineKind.Postgres, d => (long)(double)d);

    [Fact]
    public void DoublesIntoIntegers() => AssertRoundTrip(Doubles(), NeutralType.Float64, Choice(NeutralType.Int64), EngineKind.Postgres, l => (double)(long)l);

    [Theory]
    [InlineData(EngineKind.Postgres)]
    [InlineData(EngineKind.MySql)]
    [InlineData(EngineKind.Sqlite)]
    public void DoublesIntoDoubles(EngineKind target) => AssertRoundTrip(Doubles(), NeutralType.Float64, Choice(NeutralType.Float64), target, d => d);

    [Fact]
    public void DoublesIntoDecimals() => AssertRoundTrip(Doubles(), NeutralType.Float64, Choice(NeutralType.Decimal), EngineKind.Postgres, m => (double)(decimal)m);

    [Fact]
    public void DecimalsIntoDoubles() => AssertRoundTrip(Decimals(), NeutralType.Decimal, Choice(NeutralType.Float64), EngineKind.Postgres, d => new decimal((double)d));

    [Fact]
    public void DecimalsIntoIntegers() => AssertRoundTrip(Decimals(), NeutralType.Decimal, Choice(NeutralType.Int64), EngineKind.Postgres, l => (decimal)(long)l);

    [Fact]
    public void IntegersIntoText() => AssertRoundTrip(Longs(), NeutralType.Int64, Choice(NeutralType.Text, ValueConversion.NumberToText), EngineKind.Postgres,
        t => long.Parse((string)t, CultureInfo.InvariantCulture));

    [Fact]
    public void DoublesIntoText() => AssertRoundTrip(Doubles(), NeutralType.Float64, Choice(NeutralType.Text, ValueConversion.NumberToText), EngineKind.Postgres,
        t => double.Parse((string)t, CultureInfo.InvariantCulture));

    [Fact]
    public void EpochSecondsIntoTimestamps() => AssertRoundTrip(Longs(), NeutralType.Int64, Choice(NeutralType.TimestampTz, ValueConversion.EpochSecondsToTimestamp), EngineKind.Postgres,
        t => ((DateTime)t - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond);

    [Fact]
    public void EpochMillisecondsIntoTimestamps() => AssertRoundTrip(Longs(), NeutralType.Int64, Choice(NeutralType.TimestampTz, ValueConversion.EpochMillisecondsToTimestamp), EngineKind.Postgres,
        t => ((DateTime)t - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond);

    [Fact]
    public void IsoTextsIntoTimestamps()
    {
        var rng = Rng();
        var texts = new[] { "2024-01-02 03:04:05", "2024-01-02T03:04:05.123456Z", "0001-01-01 00:00:00", "9999-12-31 23:59:59.9999999", "2024-01-02 03:04:05+09:00", "2024-02-30 00:00:00" }
            .Concat(Enumerable.Range(0, Random).Select(i => new DateTime(rng.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks)).ToString(
                rng.Next(2) == 0 ? "yyyy-MM-dd HH:mm:ss.FFFFFFF" : "yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture)));
        // Compared as the instants they name: the text's form (T or space, the zone written) is not its value.
        AssertRoundTrip(texts.Select(t => (object)t), NeutralType.TimestampTz, Choice(NeutralType.TimestampTz, ValueConversion.IsoTextToTimestamp), EngineKind.Postgres,
            t => IsoText.Format(t)!);
    }

    [Fact]
    public void ZeroOrOneIntoBooleans() => AssertRoundTrip(Longs().Take(50).Concat([0, 1]), NeutralType.Int64, Choice(NeutralType.Boolean, ValueConversion.ToBoolean), EngineKind.Postgres,
        b => (bool)b ? 1L : 0L);

    [Fact]
    public void TextsIntoBytes()
    {
        var rng = Rng();
        var texts = new[] { "", "한국어 🎉", "a\0b" }.Concat(Enumerable.Range(0, 500).Select(i => char.ConvertFromUtf32(rng.Next(0x20, 0x10FFFF) is var c && c is >= 0xD800 and <= 0xDFFF ? 0x41 : c)));
        AssertRoundTrip(texts, NeutralType.Text, Choice(NeutralType.Blob, ValueConversion.TextToBytes), EngineKind.Postgres, b => Encoding.UTF8.GetString((byte[])b));
    }

    [Fact]
    public void UuidTextsIntoUuids()
    {
        var rng = Rng();
        var texts = Enumerable.Range(0, 500).Select(i => new Guid(Enumerable.Range(0, 16).Select(_ => (byte)rng.Next(256)).ToArray()).ToString(i % 2 == 0 ? "D" : "N").ToUpperInvariant());
        AssertRoundTrip(texts, NeutralType.Uuid, Choice(NeutralType.Uuid), EngineKind.Postgres, g => ((Guid)g).ToString());
    }
}

using System.Globalization;
using System.Text;
using Ferry.Connections;
using Ferry.Schema;
using Ferry.Values;
using Xunit;

namespace Ferry.Tests.Values;

/// <summary>
/// One property test per conversion: generated values (edges first, then random ones from a fixed seed) are
/// either refused by <see cref="Conversion.Apply"/> or written as a value that this test's own reading of the
/// target (independent of the conversion's inverse) gives back as the same canonical value. A value that
/// converts and comes back different is a silent change, and fails the test with the value named. Then, one
/// value per kind of change, the exact reason the round trip gives.
/// </summary>
public class ConversionRoundTripTests
{
    private const int Random = 3000;

    private static void AssertRoundTrip<T>(IEnumerable<T> values, NeutralType sourceType, TypeChoice choice, EngineKind target, Func<object, object> inverse)
        where T : notnull
    {
        var conversion = Conversion.For(choice, target);
        var carried = 0;
        foreach (var value in values)
        {
            object converted;
            try
            {
                converted = conversion.Apply(value)!;
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

    [Fact]
    public void DoublesIntoFloat4()
    {
        // A double means the float4 it names when it is that float exactly or its shortest text (MySQL's FLOAT reads as 1.1).
        var conversion = Conversion.For(Choice(NeutralType.Float32), EngineKind.Postgres);
        var carried = 0;
        foreach (var value in Doubles().Where(double.IsFinite).Concat([1.1, 0.1, 16777217.0]))
        {
            if (conversion.Refusal(value) is not null) continue;
            carried++;
            var stored = (float)(double)conversion.Apply(value)!;
            Assert.True((double)stored == value || double.Parse(stored.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) == value,
                $"{value} was stored as the float {stored}");
        }
        Assert.True(carried > 2);
        Assert.Equal((double)1.1f, conversion.Apply(1.1));
    }

    public static TheoryData<object, TypeChoice, EngineKind, string> Changes() => new()
    {
        // Precision
        { "2024-01-01 00:00:00.1234567", Choice(NeutralType.Timestamp, ValueConversion.IsoTextToTimestamp), EngineKind.Postgres,
            "2024-01-01 00:00:00.1234567 would lose its 7th fractional digit (PostgreSQL timestamp keeps microseconds)" },
        { new TimeOnly(12, 0, 0).Add(TimeSpan.FromTicks(1)), Choice(NeutralType.Time), EngineKind.MySql,
            "12:00:00.0000001 would lose its 7th fractional digit (MySQL time(6) keeps microseconds)" },
        { 1.5, Choice(NeutralType.Int64), EngineKind.Postgres, "the real 1.5 would be stored by PostgreSQL bigint as the integer 1" },
        { 0.123456789, Choice(NeutralType.Float32), EngineKind.Postgres, "the real 0.123456789 would be stored by PostgreSQL real as the real 0.12345679104328156" },
        { 9007199254740993L, Choice(NeutralType.Float64), EngineKind.Postgres,
            "the integer 9007199254740993 would be stored by PostgreSQL double precision as the real 9007199254740992" },
        { 1.234m, Choice(NeutralType.Decimal) with { Precision = 5, Scale = 2 }, EngineKind.Postgres,
            "the number 1.234 would be stored by PostgreSQL numeric(5,2) as the number 1.23" },
        { 1.235m, Choice(NeutralType.Decimal) with { Precision = 5, Scale = 2 }, EngineKind.MySql,
            "the number 1.235 would be stored by MySQL decimal(5,2) as the number 1.24" },
        // Range
        { 1234.5m, Choice(NeutralType.Decimal) with { Precision = 5, Scale = 2 }, EngineKind.Postgres, "the number 1234.5 does not fit PostgreSQL numeric(5,2)" },
        { 70000L, Choice(NeutralType.Int16), EngineKind.MySql, "the integer 70000 does not fit between -32768 and 32767" },
        { long.MaxValue, Choice(NeutralType.TimestampTz, ValueConversion.EpochMillisecondsToTimestamp), EngineKind.Postgres, "the epoch value is outside the years 1 to 9999" },
        // Sign of zero
        { -0.0, Choice(NeutralType.Float64), EngineKind.MySql, "the real -0.0 would be stored by MySQL double as the real 0.0" },
        { -0.0, Choice(NeutralType.Float64), EngineKind.Sqlite, "the real -0.0 would be stored by SQLite REAL as the real 0.0" },
        { -0.0, Choice(NeutralType.Int64), EngineKind.Postgres, "the real -0.0 would be stored by PostgreSQL bigint as the integer 0" },
        { -0.0, Choice(NeutralType.Decimal), EngineKind.Postgres, "the real -0.0 would be stored by PostgreSQL numeric as the number 0" },
        // Text length, in characters
        { "abcd", Choice(NeutralType.Text) with { Length = 3 }, EngineKind.Postgres, "the text 'abcd' has 4 characters; PostgreSQL varchar(3) would keep 3" },
        { 12345L, Choice(NeutralType.Text, ValueConversion.NumberToText) with { Length = 3 }, EngineKind.MySql,
            "the integer 12345 would be stored by MySQL varchar(3) as the text '123'" },
        // A lone surrogate has no UTF-8 form: its bytes would read back as U+FFFD.
        { "a\uD800", Choice(NeutralType.Blob, ValueConversion.TextToBytes), EngineKind.Postgres, "the text 'a\uD800' would be stored by PostgreSQL bytea as a 4-byte blob" },
        // Booleans are 0, 1, 'true' and 'false' in any case, nothing else.
        { "yes", Choice(NeutralType.Boolean, ValueConversion.ToBoolean), EngineKind.Postgres, "the text 'yes' is not a boolean (0, 1, true or false)" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void AValueTheTargetWouldKeepDifferentlyIsRefusedWithWhatWouldChange(object value, TypeChoice choice, EngineKind target, string reason) =>
        Assert.Equal(reason, Assert.Throws<ValueRefusedException>(() => Conversion.For(choice, target).Apply(value)).Message);

    public static TheoryData<object, TypeChoice, EngineKind, object> Survivors() => new()
    {
        { "2024-01-01 00:00:00.123456", Choice(NeutralType.Timestamp, ValueConversion.IsoTextToTimestamp), EngineKind.Postgres, new DateTime(2024, 1, 1).AddTicks(1234560) },
        { "2024-01-01 00:00:00.1234567", Choice(NeutralType.Timestamp, ValueConversion.IsoTextToTimestamp), EngineKind.Sqlite, new DateTime(2024, 1, 1).AddTicks(1234567) },
        { -0.0, Choice(NeutralType.Float64), EngineKind.Postgres, -0.0 },
        { 1.23m, Choice(NeutralType.Decimal) with { Precision = 5, Scale = 2 }, EngineKind.MySql, 1.23m },
        { "😀😀😀", Choice(NeutralType.Text) with { Length = 3 }, EngineKind.Postgres, "😀😀😀" },
        { "TRUE", Choice(NeutralType.Boolean, ValueConversion.ToBoolean), EngineKind.MySql, true },
        { "False", Choice(NeutralType.Boolean, ValueConversion.ToBoolean), EngineKind.Postgres, false },
        { 1700000000L, Choice(NeutralType.TimestampTz, ValueConversion.EpochSecondsToTimestamp), EngineKind.MySql, DateTime.UnixEpoch.AddSeconds(1700000000) },
    };

    [Theory]
    [MemberData(nameof(Survivors))]
    public void AValueThatComesBackTheSameIsWritten(object value, TypeChoice choice, EngineKind target, object written) =>
        Assert.Equal(written, Conversion.For(choice, target).Apply(value));
}

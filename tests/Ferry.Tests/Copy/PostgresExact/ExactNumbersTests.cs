using Xunit;

namespace Ferry.Tests.Copy.PostgresExact;

/// <summary>
/// numeric NaN, ±Infinity and numbers past System.Decimal's 28 digits, and float8's NaN and ±Infinity:
/// each arrives exactly or is refused by name, never rounded on the way.
/// </summary>
public sealed class ExactNumbersTests
{
    private const string Numerics = """
        CREATE TABLE n (id int PRIMARY KEY, free numeric, wide numeric(40,0), fine numeric(60,30));
        INSERT INTO n (id, free, wide, fine) VALUES
          (1, 'NaN', NULL, NULL),
          (2, NULL, 1234567890123456789012345678901234567890, NULL),
          (3, NULL, NULL, 0.123456789012345678901234567890),
          (4, 1.5, 7, 2.25),
          (5, 12345678901234567890.5, NULL, NULL),
          (6, 'Infinity', NULL, NULL),
          (7, 1234567890123456789012345678901234567890, NULL, NULL);
        """;

    [Theory]
    [MemberData(nameof(ExactCopy.Targets), MemberType = typeof(ExactCopy))]
    public async Task NumericsArriveExactlyOrAreRefusedByName(string engine)
    {
        await using var copy = await ExactCopy.StartAsync(engine, Numerics);
        var refused = await copy.CopyAsync();
        var rows = await copy.TargetTextAsync("n", "free", "wide", "fine");
        var source = await copy.SourceTextAsync("n", "coalesce(free::text, '') || '|' || coalesce(wide::text, '') || '|' || coalesce(fine::text, '')");

        // SQLite's NUMERIC affinity keeps a number as a 64-bit integer or a double: more digits would be rounded.
        // MySQL's decimal has no NaN or Infinity, and decimal(65,30) has 35 digits before the point.
        (long Id, string Column)[] expectRefused = engine == "mysql"
            ? [(1, "free"), (6, "free"), (7, "free")]
            : [(2, "wide"), (3, "fine"), (5, "free"), (7, "free")];
        Assert.Equal(expectRefused.Select(r => ("n", $"(id={r.Id})", r.Column)), refused.Select(r => (r.Table, r.Key, r.Column)));
        foreach (var r in refused)
            Assert.Contains(source[long.Parse(r.Key[4..^1], System.Globalization.CultureInfo.InvariantCulture)]!.Split('|').First(t => t.Length > 0), r.Reason, StringComparison.Ordinal);

        // Every row not refused holds the source's numbers, digit for digit (trailing fraction zeros aside).
        Assert.Equal(source.Keys.Except(expectRefused.Select(r => r.Id)), rows.Keys);
        foreach (var (id, values) in rows)
            Assert.Equal(string.Join('|', source[id]!.Split('|').Select(WithoutTrailingZeros)), string.Join('|', values.Select(v => v is null ? "" : WithoutTrailingZeros(v))));
    }

    private const string Floats = """
        CREATE TABLE f (id int PRIMARY KEY, x float8);
        INSERT INTO f VALUES (1, 'NaN'), (2, 'Infinity'), (3, '-Infinity'), (4, 1.5), (5, 0.1), (6, 1e308);
        """;

    [Theory]
    [MemberData(nameof(ExactCopy.Targets), MemberType = typeof(ExactCopy))]
    public async Task FloatNaNAndInfinitiesArriveWhereTheTargetHoldsThemAndAreRefusedByNameElsewhere(string engine)
    {
        await using var copy = await ExactCopy.StartAsync(engine, Floats);
        var refused = await copy.CopyAsync();

        // SQLite stores ±Infinity but turns NaN into NULL; JSON (libSQL's wire) and MySQL have neither.
        long[] expectRefused = engine == "sqlite" ? [1] : [1, 2, 3];
        Assert.Equal(expectRefused.Select(id => ("f", $"(id={id})", "x")), refused.Select(r => (r.Table, r.Key, r.Column)));
        Assert.Contains("NaN", refused[0].Reason, StringComparison.Ordinal);

        var stored = (await CopyHarness.RowsAsync(copy.Target.Target, "SELECT id, x FROM f ORDER BY id"))
            .ToDictionary(r => Convert.ToInt64(r[0], System.Globalization.CultureInfo.InvariantCulture), r => (double)r[1]!);
        var expected = new Dictionary<long, double> { [2] = double.PositiveInfinity, [3] = double.NegativeInfinity, [4] = 1.5, [5] = 0.1, [6] = 1e308 };
        foreach (var id in expectRefused) expected.Remove(id);
        Assert.Equal(expected.OrderBy(e => e.Key), stored.OrderBy(e => e.Key));
    }

    private static string WithoutTrailingZeros(string number) =>
        number.Contains('.', StringComparison.Ordinal) ? number.TrimEnd('0').TrimEnd('.') : number;
}

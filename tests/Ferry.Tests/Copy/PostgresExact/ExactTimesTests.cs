using Xunit;

namespace Ferry.Tests.Copy.PostgresExact;

/// <summary>
/// Dates and times System.DateTime cannot hold (±infinity, BC, past 9999), every microsecond of the rest,
/// times with their UTC offset and intervals with months: exact in the target, or refused by name.
/// </summary>
public sealed class ExactTimesTests
{
    private const string Instants = """
        CREATE TABLE ts (id int PRIMARY KEY, at timestamp, atz timestamptz, d date);
        INSERT INTO ts VALUES
          (1, 'infinity', NULL, NULL),
          (2, NULL, '-infinity', NULL),
          (3, NULL, NULL, '0044-03-15 BC'),
          (4, '0044-03-15 12:00:00 BC', NULL, NULL),
          (5, '2024-01-02 03:04:05.123456', '2024-01-02 03:04:05.123456+00', '2024-01-02'),
          (6, '1999-12-31 23:59:59.999999', '1970-01-01 00:00:00.000001+00', '9999-12-31'),
          (7, NULL, NULL, 'infinity'),
          (8, '12000-01-01 00:00:00', NULL, NULL);
        """;

    [Theory]
    [MemberData(nameof(ExactCopy.Targets), MemberType = typeof(ExactCopy))]
    public async Task InfinitiesAndBcAreRefusedByNameAndEveryMicrosecondArrives(string engine)
    {
        await using var copy = await ExactCopy.StartAsync(engine, Instants);
        var refused = await copy.CopyAsync();

        Assert.Equal([("ts", "(id=1)", "at"), ("ts", "(id=2)", "atz"), ("ts", "(id=3)", "d"), ("ts", "(id=4)", "at"), ("ts", "(id=7)", "d"), ("ts", "(id=8)", "at")],
            refused.Select(r => (r.Table, r.Key, r.Column)));
        Assert.Equal(["infinity", "-infinity", "0044-03-15 BC", "0044-03-15 12:00:00 BC", "infinity", "12000-01-01 00:00:00"],
            refused.Select(r => System.Text.RegularExpressions.Regex.Match(r.Reason, "'([^']*)'").Groups[1].Value));

        var rows = await copy.TargetTextAsync("ts", "at", "atz", "d");
        Assert.Equal([5L, 6L], rows.Keys);
        // SQLite keeps a zoned instant as ISO text in UTC with a Z; MySQL's datetime(6) as UTC wall-clock time.
        var zone = engine == "mysql" ? "" : "Z";
        Assert.Equal(new string?[] { "2024-01-02 03:04:05.123456", "2024-01-02 03:04:05.123456" + zone, "2024-01-02" }, rows[5]);
        Assert.Equal(new string?[] { "1999-12-31 23:59:59.999999", "1970-01-01 00:00:00.000001" + zone, "9999-12-31" }, rows[6]);
    }

    [Theory]
    [MemberData(nameof(ExactCopy.Targets), MemberType = typeof(ExactCopy))]
    public async Task InfinityCastToTextArrivesAsPostgresWroteIt(string engine)
    {
        await using var copy = await ExactCopy.StartAsync(engine, Instants);
        var refused = await copy.CopyAsync("ts.at=text", "ts.atz=text", "ts.d=text");
        Assert.Empty(refused);
        var rows = await copy.TargetTextAsync("ts", "at", "atz", "d");
        Assert.Equal(new string?[] { "infinity", null, null }, rows[1]);
        Assert.Equal(new string?[] { null, "-infinity", null }, rows[2]);
        Assert.Equal(new string?[] { null, null, "0044-03-15 BC" }, rows[3]);
        Assert.Equal(new string?[] { "0044-03-15 12:00:00 BC", null, null }, rows[4]);
    }

    private const string Durations = """
        CREATE TABLE tt (id int PRIMARY KEY, t timetz, i interval);
        INSERT INTO tt VALUES
          (1, '12:00:00+05:30', NULL),
          (2, NULL, '1 year 2 mons 3 days 04:05:06.789'),
          (3, NULL, '-3 mons'),
          (4, NULL, '1 day 02:03:04.5'),
          (5, NULL, '00:00:00.000001');
        """;

    [Theory]
    [MemberData(nameof(ExactCopy.Targets), MemberType = typeof(ExactCopy))]
    public async Task OffsetsAndMonthsAreRefusedByNameWhereTheTargetWouldDropThem(string engine)
    {
        await using var copy = await ExactCopy.StartAsync(engine, Durations);
        var refused = await copy.CopyAsync();

        Assert.Equal([("tt", "(id=1)", "t"), ("tt", "(id=2)", "i"), ("tt", "(id=3)", "i")], refused.Select(r => (r.Table, r.Key, r.Column)));
        Assert.Contains("12:00:00+05:30", refused[0].Reason, StringComparison.Ordinal);
        Assert.Contains("P1Y2M3DT4H5M6.789S", refused[1].Reason, StringComparison.Ordinal);
        Assert.Contains("P-3M", refused[2].Reason, StringComparison.Ordinal);
        var rows = await copy.TargetTextAsync("tt", "i");
        Assert.Equal([4L, 5L], rows.Keys);
    }

    [Fact]
    public async Task OffsetsAndMonthsCastToTextArriveWhole()
    {
        await using var copy = await ExactCopy.StartAsync("sqlite", Durations);
        var refused = await copy.CopyAsync("tt.t=text", "tt.i=text");
        Assert.Empty(refused);
        var rows = await copy.TargetTextAsync("tt", "t", "i");
        Assert.Equal(new string?[] { "12:00:00+05:30", null }, rows[1]);
        Assert.Equal(new string?[] { null, "P1Y2M3DT4H5M6.789S" }, rows[2]);
        Assert.Equal(new string?[] { null, "P-3M" }, rows[3]);
        Assert.Equal(new string?[] { null, "P1DT2H3M4.5S" }, rows[4]);
        Assert.Equal(new string?[] { null, "PT0.000001S" }, rows[5]);
    }
}

using System.Text.Json;
using Ferry.Connections;
using Ferry.Copy;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>
/// A real SQLite source into real PostgreSQL and MariaDB targets: a value whose round trip through the target's
/// type would come back different is refused by table, key, column and what would change — one row per kind
/// (precision, range, sign of zero, text length) — while the row beside it arrives exactly. The plan counts the
/// refusals before anything is written, and a type the profiler picks itself never refuses a stored value.
/// </summary>
public sealed class RoundTripRefusalTests : IAsyncLifetime
{
    private SqliteSource _source = null!;

    // x has no declared type, so SQLite keeps the sign of its -0.0 (a REAL column would store 0).
    public async Task InitializeAsync() => _source = await SqliteSource.CreateAsync("""
        CREATE TABLE t (id INTEGER PRIMARY KEY, at DATETIME, n INTEGER, x, s VARCHAR(3));
        INSERT INTO t VALUES (1, '2024-01-01 00:00:00.123456', 7, 1.5, 'a😀b');
        INSERT INTO t VALUES (2, '2024-01-01 00:00:00.1234567', 7, 1.5, 'abc');
        INSERT INTO t VALUES (3, NULL, 70000, 1.5, 'abc');
        INSERT INTO t VALUES (4, NULL, 7, -0.0, 'abc');
        INSERT INTO t VALUES (5, NULL, 7, 1.5, 12345);
        CREATE TABLE u (id INTEGER PRIMARY KEY, s TEXT);
        INSERT INTO u VALUES (1, 'abc'), (2, 'abcd'), (3, '😀😀😀');
        """);

    public Task DisposeAsync()
    {
        _source.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(EngineKind.Postgres)]
    [InlineData(EngineKind.MySql)]
    public async Task EachValueThatWouldChangeIsRefusedByNameAndTheRestArrives(EngineKind engine)
    {
        await using var target = engine == EngineKind.Postgres ? await ScratchDatabase.PostgresAsync() : await ScratchDatabase.MySqlAsync();
        // PostgreSQL's double keeps -0.0, its numeric does not; MySQL's double does not either.
        var (where, sign) = engine == EngineKind.Postgres
            ? ("PostgreSQL", "the real -0.0 would be stored by PostgreSQL numeric as the number 0")
            : ("MySQL", "the real -0.0 would be stored by MySQL double as the real 0.0");
        var (timestamp, casts) = engine == EngineKind.Postgres
            ? ("timestamp", new[] { "t.at=timestamp", "t.n=smallint", "t.x=numeric", "t.s=varchar(3)", "u.s=varchar(3)" })
            : ("datetime(6)", new[] { "t.at=timestamp", "t.n=smallint", "t.s=varchar(3)", "u.s=varchar(3)" });
        var options = new CopyOptions { Casts = casts, RejectsFile = _source.File($"rejects-{engine}.jsonl") };

        var plan = await CopyHarness.PlanAsync(_source.Target, engine, options);
        Assert.Equal([[0L, 1L, 1L, 1L, 1L], [0L, 1L]], plan.Tables.OrderBy(t => t.Target.Name).Select(t => t.Choices.Select(c => c.RowsToRefuse).ToArray()));

        var report = await CopyHarness.CopyAsync(_source.Target, target.Target, options);
        Assert.Equal((8L, 3L, 5L), (report.Read, report.Written, report.Refused));
        var refused = (await File.ReadAllLinesAsync(options.RejectsFile)).Select(line =>
        {
            var r = JsonDocument.Parse(line).RootElement;
            return string.Join(" | ", new[] { "table", "key", "column", "reason" }.Select(p => r.GetProperty(p).GetString()));
        });
        Assert.Equal([
            $"t | (id=2) | at | 2024-01-01 00:00:00.1234567 would lose its 7th fractional digit ({where} {timestamp} keeps microseconds)",
            "t | (id=3) | n | the integer 70000 does not fit between -32768 and 32767",
            $"t | (id=4) | x | {sign}",
            // VARCHAR's TEXT affinity made 12345 a text in SQLite.
            $"t | (id=5) | s | the text '12345' has 5 characters; {where} varchar(3) would keep 3",
            // Characters are counted as the targets count them: three emoji are three characters, not six UTF-16 units.
            $"u | (id=2) | s | the text 'abcd' has 4 characters; {where} varchar(3) would keep 3",
        ], refused.Order(StringComparer.Ordinal));
        Assert.Equal(["abc", "😀😀😀"], (await CopyHarness.RowsAsync(target.Target, "SELECT s FROM u ORDER BY id")).Select(r => r[0]));

        var row = Assert.Single(await CopyHarness.RowsAsync(target.Target, "SELECT id, at, n, x, s FROM t"));
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0).AddTicks(1234560), (DateTime)row[1]!);
        Assert.Equal(7L, Convert.ToInt64(row[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1.5m, Convert.ToDecimal(row[3], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("a😀b", row[4]);
    }

    [Theory]
    [InlineData(EngineKind.Postgres, 0L)]
    [InlineData(EngineKind.MySql, 1L)]
    public async Task TheProfilerPicksNoConversionAStoredValueWouldNotSurvive(EngineKind engine, long negativeZeros)
    {
        var plan = await CopyHarness.PlanAsync(_source.Target, engine);
        var choices = plan.Tables[0].Choices;
        // The 7th fractional digit keeps at a text, and the text '12345' keeps s an unbounded text: both then carry every value.
        Assert.Equal((Schema.NeutralType.Text, 0L), (choices[1].Type, choices[1].RowsToRefuse));
        Assert.Contains("1 value would not come back the same (first: 2024-01-01 00:00:00.1234567 would lose its 7th fractional digit", choices[1].Evidence, StringComparison.Ordinal);
        Assert.Equal((Schema.NeutralType.Text, (int?)null, 0L), (choices[4].Type, choices[4].Length, choices[4].RowsToRefuse));
        // A real column stays a double; where the target drops the sign of zero, the plan says how many rows that costs.
        Assert.Equal((Schema.NeutralType.Float64, negativeZeros), (choices[3].Type, choices[3].RowsToRefuse));
    }
}

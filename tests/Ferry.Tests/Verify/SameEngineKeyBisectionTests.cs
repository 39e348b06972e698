using Ferry.Tests.Copy;
using Ferry.Tests.Support;
using Ferry.Verify;
using Xunit;

namespace Ferry.Tests.Verify;

/// <summary>
/// Bisection of same-engine keys that are neither integers nor texts, on real servers: a PostgreSQL uuid, timestamp,
/// timestamptz, date or numeric key and a MariaDB decimal key are split where the engine's SQL and Ferry's merge order
/// them alike, and only the ranges that differ are read; SQLite's uuid column of lowercase texts is split as a text.
/// A key whose values do not all order so (a numeric holding NaN, MariaDB's uuid) is merged whole and still names its
/// rows exactly.
/// </summary>
public sealed class SameEngineKeyBisectionTests
{
    private const int Rows = 50_000;

    /// <summary>Row i's key is <c>key</c>; the target changes row 700, loses row 15,000 and gains <c>extra</c>.</summary>
    [Theory]
    [InlineData("uuid", "md5(i::text)::uuid", "'00000000-0000-4000-8000-000000000001'",
        "00000000-0000-4000-8000-000000000001", "e5841df2-166d-d424-a571-27423d276bbe", "3f74a886-c7f8-4169-9690-962c497d4f30")]
    [InlineData("timestamp", "timestamp '2024-01-01' + i * interval '1 minute 1 microsecond'", "'2024-01-05 00:00:30'",
        "2024-01-05 00:00:30", "2024-01-01 11:40:00.0007", "2024-01-11 10:00:00.015")]
    [InlineData("timestamptz", "timestamptz '2024-01-01 00:00:00+00' + i * interval '1 minute 1 microsecond'", "'2024-01-05 00:00:30+00'",
        "2024-01-05 00:00:30Z", "2024-01-01 11:40:00.0007Z", "2024-01-11 10:00:00.015Z")]
    [InlineData("date", "date '2000-01-01' + i", "'1999-12-31'", "1999-12-31", "2001-12-01", "2041-01-25")]
    [InlineData("numeric(12,3)", "(i - 10000) * 0.125", "1.001", "1.001", "-1162.500", "625.000")]
    public async Task APostgresKeyIsSplitBetweenTwoPostgresDatabases(string type, string key, string extra, string extraShown, string changed, string missing)
    {
        var report = await CopiedChangedAndVerifiedAsync("postgres", $"""
            CREATE TABLE item (id {type} PRIMARY KEY, v text);
            INSERT INTO item SELECT {key}, 'v ' || i FROM generate_series(1, {Rows}) i;
            """, $"""
            UPDATE item SET v = 'changed' WHERE v = 'v 700';
            DELETE FROM item WHERE v = 'v 15000';
            INSERT INTO item VALUES ({extra}, 'extra');
            """);

        var item = Assert.Single(report.Tables);
        Assert.Equal(
            new[] { $"(id={extraShown}) Extra", $"(id={changed}) Changed v 'v 700' 'changed'", $"(id={missing}) Missing" }.Order(),
            Shown(item).Order());
        // Split: the whole-table sums, each side's key check, 31 keys numbered, one level of ranges, then the ranges
        // that differ (about 1,560 rows a side each, and the equal ones between two of them where few) merged. A whole
        // merge reads both sides' 50,000 rows.
        Assert.Equal(Rows, item.SourceRows);
        Assert.InRange(item.RowsRead ?? long.MaxValue, 1, Rows * 2 / 4);
    }

    /// <summary>
    /// NaN sorts above every number in PostgreSQL, and is read as its text, which Ferry sorts after numbers too, but
    /// no literal bounds a range of both: the check finds it, and the table is merged whole, exactly.
    /// </summary>
    [Fact]
    public async Task APostgresNumericKeyHoldingNaNIsMergedWhole()
    {
        var report = await CopiedChangedAndVerifiedAsync("postgres", $"""
            CREATE TABLE item (id numeric PRIMARY KEY, v text);
            INSERT INTO item SELECT (i - 10000) * 0.125, 'v ' || i FROM generate_series(1, {Rows}) i;
            INSERT INTO item VALUES ('NaN', 'not a number');
            """, """
            UPDATE item SET v = 'changed' WHERE id = 'NaN';
            DELETE FROM item WHERE v = 'v 15000';
            INSERT INTO item VALUES (1.001, 'extra');
            """);

        var item = Assert.Single(report.Tables);
        Assert.Equal(["(id=1.001) Extra", "(id=625.000) Missing", "(id='NaN') Changed v 'not a number' 'changed'"], Shown(item));
        // The whole-table sums, each side's key check (NaN fails it), then one merge of both sides.
        Assert.Equal((6, 2L * (Rows + 1)), (item.RoundTrips ?? 0, item.RowsRead ?? 0));
    }

    /// <summary>
    /// A MariaDB decimal key is read as a number (its verbatim text "-2.000" sorts after "-1.000") and split at
    /// unquoted numbers; a MariaDB uuid key sorts its groups apart from its text, so it is merged whole, in its bytes' order.
    /// </summary>
    [Fact]
    public async Task AMariaDbDecimalKeyIsSplitAndAUuidKeyMergedWhole()
    {
        // Uuids whose first group rises as their second falls: MariaDB's own order (time-ordered, groups swapped) is another than their text's.
        var report = await CopiedChangedAndVerifiedAsync("mysql", $"""
            CREATE TABLE price (id DECIMAL(12,3) PRIMARY KEY, v VARCHAR(20));
            INSERT INTO price SELECT (CAST(seq AS SIGNED) - 10000) * 0.125, CONCAT('v ', seq) FROM seq_1_to_{Rows};
            CREATE TABLE token (id UUID PRIMARY KEY, v VARCHAR(20));
            INSERT INTO token SELECT CAST(CONCAT(LPAD(HEX(seq), 8, '0'), '-', LPAD(HEX(CAST({Rows} AS SIGNED) - seq), 4, '0'), '-1000-8000-000000000000') AS UUID), CONCAT('v ', seq)
            FROM seq_1_to_{Rows};
            """, """
            UPDATE price SET v = 'changed' WHERE v = 'v 700';
            DELETE FROM price WHERE v = 'v 15000';
            INSERT INTO price VALUES (1.001, 'extra');
            UPDATE token SET v = 'changed' WHERE v = 'v 700';
            DELETE FROM token WHERE v = 'v 15000';
            INSERT INTO token VALUES ('00000000-0000-1000-8000-000000000001', 'extra');
            """);

        var price = report.Tables.Single(t => t.Table == "price");
        Assert.Equal(["(id=-1162.500) Changed v 'v 700' 'changed'", "(id=1.001) Extra", "(id=625.000) Missing"], Shown(price));
        Assert.InRange(price.RowsRead ?? long.MaxValue, 1, Rows * 2 / 4);
        var token = report.Tables.Single(t => t.Table == "token");
        Assert.Null(token.Note);
        // In the uuids' byte order, as their 16 bytes (the verbatim value) show.
        Assert.Equal(["(id=0x00000000000010008000000000000001) Extra", "(id=0x000002BCC09410008000000000000000) Changed v 'v 700' 'changed'", "(id=0x00003A9888B810008000000000000000) Missing"], Shown(token));
        // Not split: the whole-table sums, then one merge of both sides.
        Assert.Equal(2L * Rows, token.RowsRead);
    }

    /// <summary>
    /// SQLite compares a key as stored: a uuid column holding lowercase texts only orders them by their bytes, as a
    /// text key, and is split so; both sides are streamed a level at a time, so the gain is the merge, not the reading.
    /// </summary>
    [Fact]
    public async Task ASqliteUuidKeyOfLowercaseTextsIsSplitAsText()
    {
        var report = await CopiedChangedAndVerifiedAsync("sqlite", $"""
            CREATE TABLE item (id UUID PRIMARY KEY, v TEXT);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Rows})
            INSERT INTO item SELECT printf('%08x-%04x-4000-8000-%012x', (i * 2654435761) % 4294967296, i % 65536, i), 'v ' || i FROM n;
            """, """
            UPDATE item SET v = 'changed' WHERE v = 'v 700';
            DELETE FROM item WHERE v = 'v 15000';
            INSERT INTO item VALUES ('00000000-0000-4000-8000-000000000001', 'extra');
            """);

        var item = Assert.Single(report.Tables);
        Assert.Equal(["(id='00000000-0000-4000-8000-000000000001') Extra", "(id='82825b18-3a98-4000-8000-000000003a98') Missing", "(id='9fb0bffc-02bc-4000-8000-0000000002bc') Changed v 'v 700' 'changed'"], Shown(item));
        // Each side streamed twice (the whole table's sums, one level of ranges), then only the ranges that differ merged.
        Assert.InRange(item.RowsRead ?? 0, 4L * Rows, 4L * Rows + Rows / 2);
    }

    /// <summary>A database of <paramref name="engine"/> made by <paramref name="create"/>, copied, the copy changed by <paramref name="change"/>, and verified.</summary>
    /// <summary>
    /// A table whose rows Ferry cannot merge (two BC timestamps, read as their texts, which sort by year the other
    /// way) stops its source's read early. The read is ended by reading on, not cancelled: a cancelled PostgreSQL read
    /// breaks the connection mid-row, and the tables after it then failed with "Connection is not open" (about one
    /// run in three), where now each is compared in the same snapshot and its difference named. A numeric key's
    /// -Infinity, Infinity and NaN, also read as texts, merge where PostgreSQL sorts them. Five runs.
    /// </summary>
    [Fact]
    public async Task ATableThatCannotBeMergedLeavesTheSessionForTheTablesAfterIt()
    {
        await using var source = await ScratchDatabase.ForEngineAsync("postgres");
        await CopyHarness.ExecuteAsync(source.Target, $"""
            CREATE TABLE a_odd (id timestamp PRIMARY KEY, v text);
            INSERT INTO a_odd VALUES ('0100-01-01 BC', 'first'), ('0044-03-15 BC', 'second');
            INSERT INTO a_odd SELECT timestamp '2000-01-01' + i * interval '1 minute', 'v ' || i FROM generate_series(1, {Rows}) i;
            CREATE TABLE b_special (id numeric PRIMARY KEY, v text);
            INSERT INTO b_special VALUES ('-Infinity', 'low'), ('Infinity', 'high'), ('NaN', 'none');
            INSERT INTO b_special SELECT i / 7.0, 'v ' || i FROM generate_series(1, {Rows}) i;
            """);
        await using var target = await ScratchDatabase.ForEngineAsync("postgres");
        await CopyHarness.CopyAsync(source.Target, target.Target);
        await CopyHarness.ExecuteAsync(target.Target, "UPDATE a_odd SET v = 'changed' WHERE v = 'v 7'; UPDATE b_special SET v = 'changed' WHERE v IN ('v 500', 'high')");

        for (var run = 0; run < 5; run++)
        {
            var report = await VerifyHarness.RunAsync(source.Target, target.Target, new VerifyOptions());
            var odd = report.Tables.Single(t => t.Table == "a_odd");
            Assert.Equal(TableStatus.Differs, odd.Status);
            Assert.Contains("did not arrive in key order", odd.Note, StringComparison.Ordinal);
            Assert.Equal(["(id=71.4285714285714286) Changed v 'v 500' 'changed'", "(id='Infinity') Changed v 'high' 'changed'"],
                Shown(report.Tables.Single(t => t.Table == "b_special")));
        }
    }

    private static async Task<VerifyReport> CopiedChangedAndVerifiedAsync(string engine, string create, string change)
    {
        await using var source = await ScratchDatabase.ForEngineAsync(engine);
        await CopyHarness.ExecuteAsync(source.Target, create);
        await using var target = await ScratchDatabase.ForEngineAsync(engine);
        await CopyHarness.CopyAsync(source.Target, target.Target);
        await CopyHarness.ExecuteAsync(target.Target, change);
        return await VerifyHarness.RunAsync(source.Target, target.Target, new VerifyOptions());
    }

    private static List<string> Shown(TableVerdict table) =>
        table.Listed.Select(d => $"{d.Key} {d.Kind} {d.Column} {(d.Column is null ? "" : $"{d.Source} {d.Target}")}".TrimEnd()).ToList();
}

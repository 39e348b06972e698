using System.Globalization;
using Ferry.Connections;
using Ferry.Copy;
using Ferry.Engines;
using Ferry.Errors;
using Ferry.Sync;
using Ferry.Tests.Copy;
using Ferry.Tests.Support;
using Ferry.Tests.Verify;
using Ferry.Verify;
using Xunit;

namespace Ferry.Tests.Sync;

/// <summary>
/// ferry sync on real servers: the first run copies a table whole; each later run upserts only the rows at or past
/// the watermark, and nothing else; deletes are invisible to a watermark until --detect-deletes compares keys;
/// verify then finds both sides identical. A transaction that commits late is caught by the overlap, and missed
/// without it; a run stopped half-way leaves the last finished run's watermark.
/// </summary>
public sealed class SyncTests
{
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>SQLite's column holds epoch milliseconds, as the chat sample's do: the first copy types it as a timestamp.</summary>
    private static string TimeType(string engine) => engine switch
    {
        "postgres" => "timestamp(6)",
        "mysql" => "datetime(6)",
        _ => "integer",
    };

    private static string At(string engine, int minutes) => engine is "postgres" or "mysql"
        ? $"'{Start.AddMinutes(minutes):yyyy-MM-dd HH:mm:ss}'"
        : new DateTimeOffset(Start.AddMinutes(minutes)).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static async Task<(ScratchDatabase Db, ConnectionTarget Target)> SourceAsync(string engine, int rows)
    {
        var db = await ScratchDatabase.ForEngineAsync(engine);
        await CopyHarness.ExecuteAsync(db.Target, $"CREATE TABLE customer (id integer PRIMARY KEY, name varchar(100) NOT NULL, updated_at {TimeType(engine)} NOT NULL)");
        foreach (var chunk in Enumerable.Range(1, rows).Chunk(1000))
            await CopyHarness.ExecuteAsync(db.Target, "INSERT INTO customer (id, name, updated_at) VALUES " + string.Join(", ", chunk.Select(i => $"({i}, 'customer {i}', {At(engine, i)})")));
        return (db, db.Target);
    }

    private static SyncTableReport Customer(SyncReport report) => Assert.Single(report.Tables, t => t.Table == "customer");

    [Theory]
    [InlineData("sqlite", "postgres")]
    [InlineData("mysql", "postgres")]
    [InlineData("postgres", "mysql")]
    [InlineData("postgres", "postgres")]
    [InlineData("sqlite", "sqld")]
    public async Task EachRunCarriesOnlyWhatChangedAndDeletesOnlyWhenAsked(string from, string to)
    {
        var (source, at) = await SourceAsync(from, 200);
        await using var _ = source;
        await using var target = await ScratchDatabase.ForEngineAsync(to);
        var options = new SyncOptions { By = ["updated_at"], Overlap = TimeSpan.Zero };

        var first = Customer(await SyncHarness.RunAsync(at, target.Target, options));
        Assert.Equal(("all rows: first sync", 200L, 200L), (first.Window, first.Read, first.Written));
        Assert.Null(first.Deleted);

        await CopyHarness.ExecuteAsync(at, $"UPDATE customer SET name = 'changed', updated_at = {At(from, 1000)} WHERE id IN (10, 20, 30)");
        await CopyHarness.ExecuteAsync(at, $"INSERT INTO customer (id, name, updated_at) VALUES (201, 'new 201', {At(from, 1001)}), (202, 'new 202', {At(from, 1002)})");
        await CopyHarness.ExecuteAsync(at, "DELETE FROM customer WHERE id = 5");

        // Read: the row at the mark again (id 200), the three updated, the two inserted; nothing else.
        var second = Customer(await SyncHarness.RunAsync(at, target.Target, options));
        Assert.Equal((6L, 6L), (second.Read, second.Written));
        Assert.Equal(202L, Convert.ToInt64((await CopyHarness.RowsAsync(target.Target, $"SELECT count(*) FROM {target.Quote("customer")}"))[0][0], CultureInfo.InvariantCulture));
        Assert.StartsWith("updated_at >= ", second.Window, StringComparison.Ordinal);
        var changed = await CopyHarness.RowsAsync(target.Target, $"SELECT name FROM {target.Quote("customer")} WHERE id IN (10, 201, 5) ORDER BY id");
        Assert.Equal(["customer 5", "changed", "new 201"], changed.Select(r => (string)r[0]!));

        var verdict = Assert.Single((await VerifyHarness.RunAsync(at, target.Target, new VerifyOptions { Tables = ["customer"] })).Tables);
        Assert.Equal(TableStatus.Differs, verdict.Status);
        Assert.Equal((DifferenceKind.Extra, "(id=5)"), (Assert.Single(verdict.Listed).Kind, verdict.Listed[0].Key));

        var third = Customer(await SyncHarness.RunAsync(at, target.Target, options with { DetectDeletes = true }));
        Assert.Equal((1L, 1L, 1L), (third.Read, third.Written, third.Deleted));
        var report = await VerifyHarness.RunAsync(at, target.Target, new VerifyOptions { Tables = ["customer"] });
        Assert.True(report.SameContent, string.Join("; ", report.Tables.SelectMany(t => t.Listed).Select(d => $"{d.Kind} {d.Key} {d.Column}")));
    }

    [Fact]
    public async Task DeletesInALargeTableAreFoundByKeyRangesAndAKeyNeitherSideOrdersAlikeIsRefused()
    {
        var (source, at) = await SourceAsync("sqlite", 50_000);
        await using var _ = source;
        await CopyHarness.ExecuteAsync(at, "CREATE TABLE visit (day DATE PRIMARY KEY, updated_at integer NOT NULL)");
        await CopyHarness.ExecuteAsync(at, "INSERT INTO visit VALUES ('2024-01-01', 1), ('2024-01-02', 2)");
        await using var target = await ScratchDatabase.ForEngineAsync("postgres");
        var options = new SyncOptions { By = ["updated_at"], Overlap = TimeSpan.Zero, Tables = ["customer"] };
        await SyncHarness.RunAsync(at, target.Target, options);
        await CopyHarness.ExecuteAsync(at, "DELETE FROM customer WHERE id IN (7, 25000, 49999)");

        var run = Customer(await SyncHarness.RunAsync(at, target.Target, options with { DetectDeletes = true }));
        Assert.Equal(3L, run.Deleted);
        Assert.Empty(await CopyHarness.RowsAsync(target.Target, "SELECT id FROM customer WHERE id IN (7, 25000, 49999)"));
        Assert.True((await VerifyHarness.RunAsync(at, target.Target, new VerifyOptions { Tables = ["customer"] })).SameContent);

        // A date key that SQLite holds as text and PostgreSQL as a date: no range splits it, and the keys are not compared blindly.
        await SyncHarness.RunAsync(at, target.Target, options with { Tables = ["visit"] });
        var refused = await Assert.ThrowsAsync<FerryException>(() => SyncHarness.RunAsync(at, target.Target, options with { Tables = ["visit"], DetectDeletes = true }));
        Assert.StartsWith("The key of visit is held as String in the source and ", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATransactionThatCommitsLateIsReadAgainWithinTheOverlapAndMissedWithout()
    {
        var (source, at) = await SourceAsync("postgres", 10);
        await using var _ = source;
        // Two targets synced side by side, one with an overlap of 2 s and one with none.
        await using var covered = await ScratchDatabase.ForEngineAsync("sqlite");
        await using var blind = await ScratchDatabase.ForEngineAsync("sqlite");
        var withOverlap = new SyncOptions { By = ["updated_at"], Overlap = TimeSpan.FromSeconds(2) };
        var without = withOverlap with { Overlap = TimeSpan.Zero };
        Task<SyncReport[]> BothAsync() => Task.WhenAll(SyncHarness.RunAsync(at, covered.Target, withOverlap), SyncHarness.RunAsync(at, blind.Target, without));
        await BothAsync();
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        // A transaction takes its clock reading (minute 100); another commits a later row (minute 200) before it does.
        await using (var late = await Databases.OpenAsync(at, ScratchDatabase.ReadWrite, default))
        {
            await late.ExecuteAsync("BEGIN", default);
            await late.ExecuteAsync($"INSERT INTO customer (id, name, updated_at) VALUES (11, 'late', {At("postgres", 100)})", default);
            await CopyHarness.ExecuteAsync(at, $"INSERT INTO customer (id, name, updated_at) VALUES (12, 'early', {At("postgres", 200)})");
            // Both read from the first run's mark (minute 10): that row again and the one of minute 200.
            Assert.All(await BothAsync(), r => Assert.Equal(2L, Customer(r).Read));
            await late.ExecuteAsync("COMMIT", default);
        }

        // Without the overlap the next run starts at minute 200 and never sees the row of minute 100; with it, the run
        // starts from the first run's mark, taken more than 2 s before the last run.
        var last = await BothAsync();
        Assert.Equal((3L, 1L), (Customer(last[0]).Read, Customer(last[1]).Read));
        Assert.Equal("late", (string)Assert.Single(await CopyHarness.RowsAsync(covered.Target, "SELECT name FROM customer WHERE id = 11"))[0]!);
        Assert.Empty(await CopyHarness.RowsAsync(blind.Target, "SELECT id FROM customer WHERE id = 11"));
    }

    [Fact]
    public async Task ARunStoppedHalfWayKeepsTheLastFinishedWatermarkAndTheNextRunCatchesUp()
    {
        var (source, at) = await SourceAsync("sqlite", 30_000);
        await using var _ = source;
        await using var target = await ScratchDatabase.ForEngineAsync("postgres");
        var options = new SyncOptions { By = ["updated_at"], Overlap = TimeSpan.Zero };
        await SyncHarness.RunAsync(at, target.Target, options);
        await CopyHarness.ExecuteAsync(at, $"UPDATE customer SET name = 'v2 ' || id, updated_at = updated_at + 10000000000");

        using var stop = new CancellationTokenSource();
        var progress = new SynchronousProgress(e => { if (e is CopyEvent.Rows) stop.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SyncHarness.RunAsync(at, target.Target, options, stop.Token, progress));
        Assert.Equal(1L, Convert.ToInt64((await CopyHarness.RowsAsync(target.Target, "SELECT count(*) FROM ferry_sync_state"))[0][0], CultureInfo.InvariantCulture));

        var next = Customer(await SyncHarness.RunAsync(at, target.Target, options));
        Assert.Equal((30_000L, 30_000L), (next.Read, next.Written));
        Assert.True((await VerifyHarness.RunAsync(at, target.Target, new VerifyOptions { Tables = ["customer"] })).SameContent);
    }

    [Fact]
    public async Task AMarkEditedIntoSomethingOtherThanOneLiteralIsNeverRunOnTheSource()
    {
        var (source, at) = await SourceAsync("sqlite", 3);
        await using var _ = source;
        await using var target = await ScratchDatabase.ForEngineAsync("postgres");
        var options = new SyncOptions { By = ["updated_at"] };
        await SyncHarness.RunAsync(at, target.Target, options);
        await CopyHarness.ExecuteAsync(target.Target, "UPDATE ferry_sync_state SET mark = '0 OR 1=1; DROP TABLE customer'");

        var refused = await Assert.ThrowsAsync<FerryException>(() => SyncHarness.RunAsync(at, target.Target, options));
        Assert.Equal("The watermark of customer in ferry_sync_state is not one literal, so it is not run on the source; delete that table's rows there to sync it whole again.", refused.Message);
        Assert.Equal(3L, Convert.ToInt64((await CopyHarness.RowsAsync(at, "SELECT count(*) FROM customer"))[0][0], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ATableWithoutTheColumnOrWithoutAKeyIsRefusedByName()
    {
        var (source, at) = await SourceAsync("sqlite", 3);
        await using var _ = source;
        await using var target = await ScratchDatabase.ForEngineAsync("sqlite");
        var missing = await Assert.ThrowsAsync<FerryException>(() => SyncHarness.RunAsync(at, target.Target, new SyncOptions { By = ["changed_at"] }));
        Assert.Equal(FerryErrorKind.Usage, missing.Kind);
        Assert.StartsWith("customer has no column changed_at;", missing.Message, StringComparison.Ordinal);

        await CopyHarness.ExecuteAsync(at, "CREATE TABLE log (line text, updated_at integer)");
        var keyless = await Assert.ThrowsAsync<FerryException>(() => SyncHarness.RunAsync(at, target.Target, new SyncOptions { By = ["updated_at"] }));
        Assert.StartsWith("log has no primary key", keyless.Message, StringComparison.Ordinal);
        Assert.Empty(await CopyHarness.RowsAsync(target.Target, "SELECT name FROM sqlite_master WHERE name = 'customer'"));
    }

    private sealed class SynchronousProgress(Action<CopyEvent> report) : IProgress<CopyEvent>
    {
        public void Report(CopyEvent value) => report(value);
    }
}

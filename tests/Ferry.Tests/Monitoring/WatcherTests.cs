using System.Diagnostics;
using Ferry.Connections;
using Ferry.Engines;
using Ferry.Monitoring;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Monitoring;

/// <summary>What one check of a real database shows: its tables by size, its sessions, and the query running longest.</summary>
public sealed class WatcherTests
{
    private static readonly WatchOptions Quick = new() { FirstBackoff = TimeSpan.FromMilliseconds(50), Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task PostgresShowsItsLargestTableSessionsAndTheLongestQueryWithoutItsPassword()
    {
        await using var scratch = await ScratchDatabase.PostgresAsync();
        await using (var db = await scratch.OpenAsync())
        {
            await db.ExecuteAsync("CREATE TABLE small (id int); CREATE TABLE big (id int, body text)", default);
            await db.ExecuteAsync("INSERT INTO big SELECT g, repeat('x', 200) FROM generate_series(1, 5000) g; ANALYZE big", default);
        }
        await using var sleeper = await scratch.OpenAsync();
        using var stop = new CancellationTokenSource();
        // A comment is part of the statement's text, so it shows what another session's ALTER ROLE would show.
        var sleeping = sleeper.QueryAsync("SELECT pg_sleep(60) /* ALTER ROLE someone PASSWORD 'hunter2' */", stop.Token);
        await using var watcher = new Watcher(scratch.Target, Quick);
        try
        {
            var sample = await UntilAsync(watcher, s => s.Details?.LongestQuery is not null);
            Assert.True(sample.Reachable);
            Assert.Equal(EngineKind.Postgres, sample.Engine);
            Assert.StartsWith("15.", sample.Version, StringComparison.Ordinal);
            var details = sample.Details!;
            Assert.Equal("big", details.LargestTables[0].Name);
            Assert.Equal(5000, details.LargestTables[0].Rows);
            Assert.True(details.LargestTables[0].SizeBytes > 5000 * 200, $"big is {details.LargestTables[0].SizeBytes} bytes");
            Assert.Contains(details.LargestTables, t => t.Name == "small" && t.Rows is null);
            Assert.True(details.DatabaseSizeBytes >= details.LargestTables[0].SizeBytes);
            Assert.True(details.Connections!["active"] >= 2, string.Join(", ", details.Connections));
            var longest = details.LongestQuery!;
            Assert.Equal("active", longest.State);
            Assert.Equal("SELECT pg_sleep(60) /* ALTER ROLE someone PASSWORD '****' */", longest.Text);
            Assert.True(longest.Seconds > 0);
        }
        finally
        {
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => sleeping);
        }
    }

    [Fact]
    public async Task PostgresListsTheStatementsThatTookTheMostTimeFromPgStatStatements()
    {
        await using var scratch = await ScratchDatabase.PostgresAsync();
        await using (var db = await scratch.OpenAsync())
        {
            await db.ExecuteAsync("CREATE EXTENSION pg_stat_statements", default);
            await db.ExecuteAsync("CREATE TABLE t (id int)", default);
            for (var i = 0; i < 3; i++)
                await db.QueryAsync("SELECT count(*) AS ferry_watch_marker, pg_sleep(0.2) FROM t", default);
        }
        await using var watcher = new Watcher(scratch.Target, Quick);
        var details = (await watcher.CheckAsync(default)).Details!;
        var top = Assert.Single(details.TopStatements!, s => s.Text.Contains("ferry_watch_marker", StringComparison.Ordinal));
        Assert.Equal(3, top.Calls);
        Assert.True(top.TotalMs >= 600 && top.MeanMs >= 200, $"{top.TotalMs} ms in total, {top.MeanMs} ms each");
        Assert.Empty(details.Notes);
    }

    [Fact]
    public async Task PostgresWithoutTheExtensionSaysHowToGetTopStatements()
    {
        await using var scratch = await ScratchDatabase.PostgresAsync();
        await using var watcher = new Watcher(scratch.Target, Quick);
        var details = (await watcher.CheckAsync(default)).Details!;
        Assert.Null(details.TopStatements);
        Assert.Contains(details.Notes, n => n.StartsWith("pg_stat_statements is not installed in this database", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MySqlShowsItsLargestTableAndTheProcesslist()
    {
        await using var scratch = await ScratchDatabase.MySqlAsync();
        await using (var db = await scratch.OpenAsync())
        {
            await db.ExecuteAsync("CREATE TABLE small (id int); CREATE TABLE big (id int, body text)", default);
            await db.ExecuteAsync("INSERT INTO big SELECT seq, REPEAT('x', 200) FROM seq_1_to_5000; ANALYZE TABLE big", default);
        }
        await using var sleeper = await scratch.OpenAsync();
        using var stop = new CancellationTokenSource();
        var sleeping = sleeper.QueryAsync("SELECT SLEEP(60) AS ferry_watch_sleeper", stop.Token);
        await using var watcher = new Watcher(scratch.Target, Quick);
        try
        {
            var sample = await UntilAsync(watcher, s => s.Details?.LongestQuery is not null);
            Assert.Equal(EngineKind.MySql, sample.Engine);
            var details = sample.Details!;
            Assert.Equal("big", details.LargestTables[0].Name);
            Assert.True(details.LargestTables[0].SizeBytes > 5000 * 200, $"big is {details.LargestTables[0].SizeBytes} bytes");
            Assert.Contains(details.LargestTables, t => t.Name == "small");
            Assert.True(details.Connections!["Query"] >= 2, string.Join(", ", details.Connections));
            Assert.Equal("SELECT SLEEP(60) AS ferry_watch_sleeper", details.LongestQuery!.Text);
            Assert.Null(details.TopStatements);
        }
        finally
        {
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => sleeping);
        }
    }

    [Fact]
    public async Task SqliteReportsTheFileSizeAndHasNoSessions()
    {
        await using var scratch = ScratchDatabase.SqliteFile();
        await using (var db = await scratch.OpenAsync())
            await db.ExecuteAsync("CREATE TABLE t (body text); INSERT INTO t VALUES (randomblob(100000))", default);
        await using var watcher = new Watcher(scratch.Target, Quick);
        var sample = await watcher.CheckAsync(default);
        Assert.True(sample.Reachable);
        Assert.Equal(new FileInfo(scratch.Target.FilePath!).Length, sample.Details!.DatabaseSizeBytes);
        Assert.Null(sample.Details.Connections);
        Assert.Null(sample.Details.LongestQuery);
    }

    [Fact]
    public async Task AServerThatRefusesIsRetriedThenCountedAsFailingInARow()
    {
        var server = ConnectionUrl.Parse(TestServers.Postgres);
        await using var port = await PrivateSqld.StartAsync();
        var free = port.Port;
        await port.StopAsync();
        var closed = server with { Port = free };
        await using var watcher = new Watcher(closed, Quick);
        var clock = Stopwatch.StartNew();
        var first = await watcher.CheckAsync(default);
        Assert.False(first.Reachable);
        Assert.Equal(3, first.Attempts);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(150), "two pauses, 50 and 100 ms, between three tries");
        Assert.Equal(1, first.ConsecutiveFailures);
        Assert.Equal(2, (await watcher.CheckAsync(default)).ConsecutiveFailures);
        Assert.DoesNotContain(server.Password!, first.Error, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{free}", first.Error, StringComparison.Ordinal);
    }

    private static async Task<HealthSample> UntilAsync(Watcher watcher, Func<HealthSample, bool> done)
    {
        for (var clock = Stopwatch.StartNew(); ; await Task.Delay(100))
        {
            var sample = await watcher.CheckAsync(default);
            if (done(sample) || clock.Elapsed > TimeSpan.FromSeconds(20)) return sample;
        }
    }
}

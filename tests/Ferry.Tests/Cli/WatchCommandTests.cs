using System.Text.Json;
using Ferry.Cli.Output;
using Ferry.Connections;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Cli;

/// <summary><c>ferry watch</c> run as cron or a terminal would run it, against servers that go away and come back.</summary>
public sealed class WatchCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task JsonLinesFollowAServerThatIsStoppedAndRestarted()
    {
        await using var sqld = await PrivateSqld.StartAsync();
        await using var watch = FerryProcess.Start(Path.GetTempPath(), "watch", sqld.Url, "--json", "--interval", "500ms");
        var up = await NextAsync(watch, _ => true);
        Assert.True(up.GetProperty("reachable").GetBoolean());
        Assert.Equal("libsql", up.GetProperty("engine").GetString());

        await sqld.StopAsync();
        var down = await NextAsync(watch, s => !s.GetProperty("reachable").GetBoolean());
        Assert.Equal(1, down.GetProperty("consecutiveFailures").GetInt32());
        Assert.Equal(3, down.GetProperty("attempts").GetInt32());
        Assert.Contains($"127.0.0.1:{sqld.Port}", down.GetProperty("error").GetString(), StringComparison.Ordinal);

        await sqld.StartAgainAsync();
        var back = await NextAsync(watch, s => s.GetProperty("reachable").GetBoolean());
        Assert.Equal(0, back.GetProperty("consecutiveFailures").GetInt32());
        Assert.True(back.GetProperty("roundTripMs").GetDouble() > 0);
    }

    [Fact]
    public async Task FailAfterEndsTheWatchWithOneSentenceAndExitCode3()
    {
        await using var sqld = await PrivateSqld.StartAsync();
        await sqld.StopAsync();
        var result = await FerryProcess.RunAsync(Path.GetTempPath(), "watch", sqld.Url, "--interval", "200ms", "--fail-after", "2");
        Assert.Equal(ExitCodes.Connection, result.ExitCode);
        // Not a terminal: one JSON line per check, the second one the last.
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([1, 2], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("consecutiveFailures").GetInt32()));
        var stderr = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"ferry: {sqld.Url} failed 2 checks in a row; the last: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CountedRoundsOfEveryEngineExitZeroAndNeverShowAPassword()
    {
        await using var sqlite = ScratchDatabase.SqliteFile();
        await using (var db = await sqlite.OpenAsync()) await db.ExecuteAsync("CREATE TABLE t (id int)", default);
        var result = await FerryProcess.RunAsync(Path.GetTempPath(), "watch", TestServers.Postgres, TestServers.MySql, sqlite.Url,
            "--count", "2", "--interval", "200ms", "--json");
        Assert.Equal(0, result.ExitCode);
        var samples = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["postgres", "mySql", "sqlite", "postgres", "mySql", "sqlite"], samples.Select(s => s.GetProperty("engine").GetString()));
        Assert.All(samples, s => Assert.True(s.GetProperty("reachable").GetBoolean()));
        foreach (var url in new[] { TestServers.Postgres, TestServers.MySql })
            Assert.DoesNotContain(ConnectionUrl.Parse(url).Password!, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIntervalThatIsNotATimeIsRefusedInOneSentence()
    {
        var result = await FerryProcess.RunAsync(Path.GetTempPath(), "watch", "sqlite:x.db", "--interval", "soon");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("ferry: --interval takes a length of time such as 500ms, 10s, 2m or 1h, not 'soon'.", result.Stderr, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> NextAsync(FerryProcess.Running watch, Func<JsonElement, bool> wanted)
    {
        while (await watch.ReadLineAsync(Patience) is { } line)
        {
            var sample = JsonDocument.Parse(line).RootElement;
            if (wanted(sample)) return sample;
        }
        throw new Xunit.Sdk.XunitException("ferry watch ended before printing the sample the test waited for.");
    }
}

using System.Text.Json;
using Ferry.Cli.Output;
using Ferry.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Ferry.Tests.Cli;

/// <summary>
/// <c>ferry sync --follow</c> as seed 004 runs it: it keeps a PostgreSQL target current while another process inserts
/// and updates rows in the source, stops when told (SIGTERM, the path Ctrl-C takes), and after one last run
/// <c>ferry verify</c> finds both sides the same.
/// </summary>
public sealed class SyncCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task FollowKeepsUpWithAWriterAndAFinalRunVerifiesIdentical()
    {
        using var source = await SqliteSource.CreateAsync("""
            CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT NOT NULL, updated_at INTEGER NOT NULL);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
            INSERT INTO customer SELECT i, 'customer ' || i, 1700000000000 + i FROM n;
            """);
        await using var target = await ScratchDatabase.PostgresAsync();
        var from = "sqlite:" + source.Target.FilePath;
        string[] sync = ["sync", from, target.Url, "--by", "updated_at", "--overlap", "1s", "--json"];

        await using var follow = FerryProcess.Start(source.Folder, [.. sync, "--follow", "--interval", "300ms"]);
        var first = await NextRunAsync(follow);
        Assert.Equal(1000, first.GetProperty("written").GetInt64());

        // Another process writes while the sync follows: an insert and an update every 50 ms, stamped with the clock.
        await using (var writer = new SqliteConnection($"Data Source={source.Target.FilePath};Pooling=False"))
        {
            await writer.OpenAsync();
            for (var i = 1; i <= 40; i++)
            {
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                await using var command = writer.CreateCommand();
                command.CommandText = $"INSERT INTO customer VALUES ({1000 + i}, 'new {i}', {now}); UPDATE customer SET name = 'changed {i}', updated_at = {now} WHERE id = {i * 7};";
                await command.ExecuteNonQueryAsync();
                await Task.Delay(50);
            }
        }
        // A run that began after the last write has read its window: whatever it shows, it read fewer rows than the table holds.
        var later = await NextRunAsync(follow);
        Assert.True(later.GetProperty("read").GetInt64() < 1040, later.ToString());

        follow.Stop();
        var stopped = await follow.WaitAsync(Patience);
        Assert.Contains(stopped.ExitCode, new[] { ExitCodes.Ok, ExitCodes.Cancelled });
        Assert.StartsWith("ferry: stopped", stopped.Stderr, StringComparison.Ordinal);

        var last = await FerryProcess.RunAsync(source.Folder, sync);
        Assert.True(last.ExitCode == ExitCodes.Ok, last.Stderr);
        var verify = await FerryProcess.RunAsync(source.Folder, "verify", from, target.Url);
        Assert.True(verify.ExitCode == ExitCodes.Ok, verify.Stdout + verify.Stderr);
        Assert.Contains("customer", verify.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("ferry_sync_state", verify.Stdout, StringComparison.Ordinal);
    }

    /// <summary>The customer table's line of the next run ferry printed.</summary>
    private static async Task<JsonElement> NextRunAsync(FerryProcess.Running follow)
    {
        var line = await follow.ReadLineAsync(Patience) ?? throw new InvalidOperationException("ferry sync --follow stopped printing.");
        return JsonDocument.Parse(line).RootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("table").GetString() == "customer");
    }
}

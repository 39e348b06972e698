using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Migrations;

/// <summary>Two <c>ferry migrate up</c> processes started at once on one database: each migration runs exactly once.</summary>
public sealed class ConcurrentUpTests
{
    [Theory]
    [InlineData("postgres", "SELECT pg_sleep(1)")]
    [InlineData("mysql", "DO SLEEP(1)")]
    // SQLite has no sleep: a recursive count keeps the first run inside its migration for a while.
    [InlineData("sqlite", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000) SELECT count(*) FROM c")]
    [InlineData("sqld", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000) SELECT count(*) FROM c")]
    public async Task TwoRunsAtOnceApplyEachMigrationOnce(string engine, string slow)
    {
        using var files = new MigrationFiles()
            .Write("0001_runs.sql", $"CREATE TABLE runs (migration integer NOT NULL);\nINSERT INTO runs (migration) VALUES (1);\n{slow};\n")
            .Write("0002_again.sql", "INSERT INTO runs (migration) VALUES (2);\n");
        await using var scratch = await ScratchDatabase.ForEngineAsync(engine);

        var runs = await Task.WhenAll(
            FerryProcess.RunAsync(files.Directory, "migrate", "up", "--dir", files.Directory, "--url", scratch.Url),
            FerryProcess.RunAsync(files.Directory, "migrate", "up", "--dir", files.Directory, "--url", scratch.Url));

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Stderr));
        Assert.Equal(["1", "2"], await MigrationFiles.RowsAsync(scratch, "SELECT migration FROM runs ORDER BY migration"));
        Assert.Equal(["1|0001_runs", "2|0002_again"], await MigrationFiles.RowsAsync(scratch, "SELECT version, name FROM ferry_migrations ORDER BY version"));
        var output = string.Concat(runs.Select(r => r.Stdout));
        Assert.Single(output.Split('\n'), l => l.StartsWith("applied 0001_runs in ", StringComparison.Ordinal));
        Assert.Single(output.Split('\n'), l => l.StartsWith("applied 0002_again in ", StringComparison.Ordinal));
    }
}

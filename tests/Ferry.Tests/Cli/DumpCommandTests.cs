using System.Text.Json;
using Ferry.Cli.Output;
using Ferry.Connections;
using Ferry.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Ferry.Tests.Cli;

/// <summary><c>ferry dump</c> and <c>ferry restore</c> as a user runs them: the runbook's backup name, a folder git ignores, no password shown, damage as one sentence.</summary>
public sealed class DumpCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ferry-dump-cli-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ADumpGoesIntoBackupsUnderTheDatabasesNameAndGitIgnoresTheFolder()
    {
        Directory.CreateDirectory(Path.Combine(_folder, ".git"));
        Assert.Equal(0, (await FerryProcess.RunAsync(_folder, "sample", "chat.db", "--scale", "0.001")).ExitCode);

        var dumped = await FerryProcess.RunAsync(_folder, "dump", "chat.db", "--json");

        Assert.Equal(ExitCodes.Ok, dumped.ExitCode);
        var report = JsonDocument.Parse(dumped.Stdout).RootElement;
        var archive = report.GetProperty("archive").GetString()!;
        Assert.Matches(@"^backups/chat_\d{8}_\d{6}\.ferry$", archive);
        Assert.True(File.Exists(Path.Combine(_folder, archive)));
        Assert.Equal("# Backups written by ferry dump: never committed.\n*\n", await File.ReadAllTextAsync(Path.Combine(_folder, "backups", ".gitignore")));
        Assert.Equal(6, report.GetProperty("tables").GetArrayLength());
        Assert.All(report.GetProperty("tables").EnumerateArray(), t => Assert.Matches("^[0-9a-f]{64}$", t.GetProperty("sha256").GetString()!));

        var listed = await FerryProcess.RunAsync(_folder, "backups", "list", "--json");
        Assert.Equal(ExitCodes.Ok, listed.ExitCode);
        var only = Assert.Single(JsonDocument.Parse(listed.Stdout).RootElement.EnumerateArray());
        var rows = report.GetProperty("tables").EnumerateArray().Sum(t => t.GetProperty("rows").GetInt64());
        Assert.Equal((Path.GetFileName(archive), 6, rows), (Path.GetFileName(only.GetProperty("archive").GetString()), only.GetProperty("tables").GetInt32(), only.GetProperty("rows").GetInt64()));
        var pruned = await FerryProcess.RunAsync(_folder, "backup", "prune", "--keep-days", "30");
        Assert.Equal((ExitCodes.Ok, "Nothing to delete."), (pruned.ExitCode, pruned.Stdout.Trim()));

        var restored = await FerryProcess.RunAsync(_folder, "restore", archive, "restored.db");
        Assert.Equal(ExitCodes.Ok, restored.ExitCode);
        var verified = await FerryProcess.RunAsync(_folder, "verify", "chat.db", "restored.db");
        Assert.Equal(ExitCodes.Ok, verified.ExitCode);
        Assert.Contains("the same", verified.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADamagedArchiveIsOneSentenceAndExitFive()
    {
        Assert.Equal(0, (await FerryProcess.RunAsync(_folder, "sample", "chat.db", "--scale", "0.001")).ExitCode);
        Assert.Equal(0, (await FerryProcess.RunAsync(_folder, "dump", "chat.db", "-o", "chat.ferry")).ExitCode);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(_folder, "chat.ferry"));
        await File.WriteAllBytesAsync(Path.Combine(_folder, "cut.ferry"), bytes[..^100]);

        var restored = await FerryProcess.RunAsync(_folder, "restore", "cut.ferry", "restored.db");

        var badLevel = await FerryProcess.RunAsync(_folder, "dump", "chat.db", "-o", "small.ferry", "--compression", "25");
        Assert.Equal((ExitCodes.Usage, "ferry: --compression must be a zstd level from 1 (fastest) to 19 (smallest), not 25."), (badLevel.ExitCode, badLevel.Stderr.Split('\n')[0].Trim()));
        Assert.False(File.Exists(Path.Combine(_folder, "small.ferry")));
        Assert.Equal(ExitCodes.NotADatabase, restored.ExitCode);
        var verified = await FerryProcess.RunAsync(_folder, "backup", "verify", "cut.ferry");
        Assert.Equal((ExitCodes.NotADatabase, restored.Stderr), (verified.ExitCode, verified.Stderr));
        Assert.Equal("ferry: cut.ferry was cut short or altered: it does not end as a whole archive does (a dump that did not finish?).", restored.Stderr.Trim());
        Assert.False(File.Exists(Path.Combine(_folder, "restored.db")));
    }

    [Fact]
    public async Task APostgresDumpShowsNoPasswordAndRestoresThere()
    {
        await using var source = await ScratchDatabase.PostgresPlainNameAsync();
        await using var target = await ScratchDatabase.PostgresPlainNameAsync();
        await Copy.CopyHarness.ExecuteAsync(source.Target, "CREATE TABLE t (id int PRIMARY KEY, v numeric, at timestamptz); INSERT INTO t VALUES (1, 'NaN', '-infinity'), (2, 1.50, '2024-01-02 03:04:05+09')");
        var password = ConnectionUrl.Parse(source.Url).Password!;

        var dumped = await FerryProcess.RunAsync(_folder, "dump", source.Url, "-o", "pg.ferry", "--verify");
        var restored = await FerryProcess.RunAsync(_folder, "restore", "pg.ferry", target.Url);

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (dumped.ExitCode, restored.ExitCode));
        Assert.DoesNotContain(password, dumped.Stdout + dumped.Stderr + restored.Stdout + restored.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(password, await File.ReadAllTextAsync(Path.Combine(_folder, "pg.ferry")), StringComparison.Ordinal);
        Assert.Contains("pg.ferry is whole: 1 table, 2 rows, every checksum and row count as written", dumped.Stdout.ReplaceLineEndings(" "), StringComparison.Ordinal);
        var checkedAgain = await FerryProcess.RunAsync(_folder, "backup", "verify", "pg.ferry", "--json");
        Assert.Equal(ExitCodes.Ok, checkedAgain.ExitCode);
        Assert.True(JsonDocument.Parse(checkedAgain.Stdout).RootElement.GetProperty("whole").GetBoolean());
        Assert.Equal(["1 NaN -infinity", "2 1.50 2024-01-01 18:04:05+00"],
            (await Copy.CopyHarness.RowsAsync(target.Target, "SET TIME ZONE 'UTC'; SELECT id || ' ' || v || ' ' || at FROM t ORDER BY id")).Select(r => (string)r[0]!));
    }
}

using Ferry.Cli.Output;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Migrations;

/// <summary><c>ferry migrate</c> as a user runs it: what it prints, what it exits with, and what it never prints.</summary>
public sealed class MigrateCommandTests
{
    [Fact]
    public async Task NewUpDryRunDownAndStatusOnSqlite()
    {
        using var files = new MigrationFiles();
        await using var scratch = ScratchDatabase.SqliteFile();
        string[] At(params string[] args) => ["migrate", .. args, "--dir", Path.Combine(files.Directory, "migrations"), "--url", scratch.Url];

        var created = await FerryProcess.RunAsync(files.Directory, At("new", "Add users!"));
        Assert.Equal(ExitCodes.Ok, created.ExitCode);
        var up = Path.Combine(files.Directory, "migrations", "0001_add_users.sql");
        Assert.Equal($"created {up}\ncreated {Path.ChangeExtension(up, null)}.down.sql\n", created.Stdout);
        File.AppendAllText(up, "CREATE TABLE users (id integer PRIMARY KEY, name text);\nINSERT INTO users VALUES (1, 'a;b');\n");
        File.AppendAllText(Path.ChangeExtension(up, null) + ".down.sql", "DROP TABLE users;\n");
        Assert.Equal(ExitCodes.Ok, (await FerryProcess.RunAsync(files.Directory, At("new", "second"))).ExitCode);
        File.AppendAllText(Path.Combine(files.Directory, "migrations", "0002_second.sql"), "CREATE INDEX users_name ON users (name);\n");

        var first = await FerryProcess.RunAsync(files.Directory, At("up", "--to", "1"));
        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.Matches(@"^applied 0001_add_users in \d+ ms\napplied 1 migration in \d+ ms\n$", first.Stdout);

        var plan = await FerryProcess.RunAsync(files.Directory, At("up", "--dry-run"));
        Assert.Equal("-- 0002_second.sql\nCREATE INDEX users_name ON users (name);\n\nwould apply 1 migration; nothing was changed\n", plan.Stdout);
        Assert.Equal(["0"], await MigrationFiles.RowsAsync(scratch, "SELECT count(*) FROM sqlite_master WHERE name = 'users_name'"));
        Assert.Equal(["1"], await MigrationFiles.RowsAsync(scratch, "SELECT count(*) FROM ferry_migrations"));

        var down = await FerryProcess.RunAsync(files.Directory, At("down"));
        Assert.Equal(ExitCodes.Ok, down.ExitCode);
        Assert.Matches(@"^undid 0001_add_users in \d+ ms\nundid 1 migration in \d+ ms\n$", down.Stdout);
        Assert.False(await MigrationFiles.TableExistsAsync(scratch, "users"));
        Assert.Empty(await MigrationFiles.RowsAsync(scratch, "SELECT version FROM ferry_migrations"));

        var status = await FerryProcess.RunAsync(files.Directory, At("status"));
        Assert.Contains("  pending      0001_add_users\n  pending      0002_second\n2 pending\n", status.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInputIsOneSentenceAndThePasswordIsNeverPrinted()
    {
        using var files = new MigrationFiles().Write("0001_t.sql", "CREATE TABLE t (id integer);\n").Write("notes.sql", "-- scratch\n");
        await using var scratch = await ScratchDatabase.PostgresAsync();

        var misnamed = await FerryProcess.RunAsync(files.Directory, "migrate", "up", "--dir", files.Directory, "--url", scratch.Url);
        Assert.Equal(ExitCodes.Usage, misnamed.ExitCode);
        Assert.Equal($"ferry: {Path.Combine(files.Directory, "notes.sql")} is not named like a migration (NNNN_name.sql or NNNN_name.down.sql): rename it or move it out of the folder.\n", misnamed.Stderr);

        File.Delete(Path.Combine(files.Directory, "notes.sql"));
        var noSuchVersion = await FerryProcess.RunAsync(files.Directory, "migrate", "up", "--to", "7", "--dir", files.Directory, "--url", scratch.Url);
        Assert.Equal(ExitCodes.Usage, noSuchVersion.ExitCode);
        Assert.Equal($"ferry: There is no migration 7 in {files.Directory}.\n", noSuchVersion.Stderr);

        var status = await FerryProcess.RunAsync(files.Directory, "migrate", "status", "--dir", files.Directory, "--url", scratch.Url);
        Assert.Equal(ExitCodes.Ok, status.ExitCode);
        Assert.DoesNotContain(scratch.Target.Password!, status.Stdout + status.Stderr, StringComparison.Ordinal);
        Assert.StartsWith(scratch.Target.Redacted + ": ", status.Stdout, StringComparison.Ordinal);

        var noUrl = await FerryProcess.RunAsync(files.Directory, "migrate", "status", "--dir", files.Directory, "--url", "env:FERRY_TEST_NO_SUCH_VARIABLE");
        Assert.Equal(ExitCodes.Usage, noUrl.ExitCode);
        Assert.Single(noUrl.Stderr.TrimEnd('\n').Split('\n'));
    }
}

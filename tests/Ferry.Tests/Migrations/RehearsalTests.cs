using System.Security.Cryptography;
using System.Text.Json;
using Ferry.Cli.Output;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Migrations;

/// <summary><c>ferry migrate rehearse</c>: the target copied into a scratch, the pending migrations applied there, the target left as it was.</summary>
public sealed class RehearsalTests
{
    /// <summary>A target with 0001 applied (users: 2 rows, logs: 3 rows) and 0002 pending.</summary>
    private static async Task<MigrationFiles> TargetAsync(ScratchDatabase target, string pending)
    {
        var files = new MigrationFiles()
            .Write("0001_init.sql", "CREATE TABLE users (id integer PRIMARY KEY, name varchar(50));\nINSERT INTO users VALUES (1, 'a'), (2, 'b');\n" +
                "CREATE TABLE logs (id integer PRIMARY KEY, body text);\nINSERT INTO logs VALUES (1, 'x'), (2, 'y'), (3, 'z');\n");
        var up = await FerryProcess.RunAsync(files.Directory, "migrate", "up", "--dir", files.Directory, "--url", target.Url);
        Assert.Equal(ExitCodes.Ok, up.ExitCode);
        files.Write("0002_next.sql", pending);
        return files;
    }

    private static async Task<FerryProcess.Result> RehearseAsync(MigrationFiles files, ScratchDatabase target, ScratchDatabase scratch, params string[] more) =>
        await FerryProcess.RunAsync(files.Directory, ["migrate", "rehearse", "--dir", files.Directory, "--url", target.Url, "--on", scratch.Url, .. more]);

    private static string Sha256(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
    }

    [Fact]
    public async Task SqliteToSqliteRehearsesAPassingAndAFailingMigrationWithoutTouchingTheTarget()
    {
        await using var target = ScratchDatabase.SqliteFile();
        using var files = await TargetAsync(target, "ALTER TABLE users ADD COLUMN note text;\nINSERT INTO users (id, name) VALUES (3, 'c');\n");
        var before = Sha256(target.Target.FilePath!);

        await using (var scratch = ScratchDatabase.SqliteFile())
        {
            var passed = await RehearseAsync(files, target, scratch, "--json");
            Assert.Equal(ExitCodes.Ok, passed.ExitCode);
            using var json = JsonDocument.Parse(passed.Stdout);
            var root = json.RootElement;
            Assert.True(root.GetProperty("succeeded").GetBoolean());
            var migration = Assert.Single(root.GetProperty("migrations").EnumerateArray().ToList());
            Assert.Equal(("0002_next", "applied"), (migration.GetProperty("name").GetString(), migration.GetProperty("outcome").GetString()));
            Assert.True(migration.GetProperty("ms").GetInt64() >= 0);
            var tables = root.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("table").GetString()!);
            Assert.Equal((3, 3, false), (tables["logs"].GetProperty("rowsBefore").GetInt64(), tables["logs"].GetProperty("rowsAfter").GetInt64(), tables["logs"].GetProperty("touched").GetBoolean()));
            Assert.Equal((2, 3, true), (tables["users"].GetProperty("rowsBefore").GetInt64(), tables["users"].GetProperty("rowsAfter").GetInt64(), tables["users"].GetProperty("touched").GetBoolean()));
            Assert.Equal(["1", "2"], await MigrationFiles.RowsAsync(scratch, "SELECT version FROM ferry_migrations ORDER BY version"));
        }

        files.Write("0003_broken.sql", "INSERT INTO users (id, name) VALUES (4, 'd');\nINSERT INTO nowhere VALUES (1);\n");
        await using (var scratch = ScratchDatabase.SqliteFile())
        {
            var failed = await RehearseAsync(files, target, scratch);
            Assert.Equal(ExitCodes.Failed, failed.ExitCode);
            Assert.Contains("\napplied 0002_next in ", failed.Stdout, StringComparison.Ordinal);
            Assert.Contains("\n0003_broken.sql failed at statement 2 of 2 (INSERT INTO nowhere VALUES (1)): SQLite Error 1: 'no such table: nowhere'; rolled back\n", failed.Stdout, StringComparison.Ordinal);
            Assert.Contains("rehearsal failed: 1 of 2 migrations applied in ", failed.Stdout, StringComparison.Ordinal);
            Assert.Equal(["1", "2"], await MigrationFiles.RowsAsync(scratch, "SELECT version FROM ferry_migrations ORDER BY version"));
        }

        Assert.Equal(before, Sha256(target.Target.FilePath!));
        Assert.Equal(["1"], await MigrationFiles.RowsAsync(target, "SELECT version FROM ferry_migrations"));
    }

    [Fact]
    public async Task PostgresToAnotherPostgresDatabaseLeavesTheTargetAsItWas()
    {
        await using var target = await ScratchDatabase.PostgresAsync();
        using var files = await TargetAsync(target, "ALTER TABLE users ADD COLUMN note text;\nUPDATE users SET note = 'n';\nDELETE FROM users WHERE id = 2;\n");
        const string Shape = "SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1";
        var shapeBefore = await MigrationFiles.RowsAsync(target, Shape);

        await using (var scratch = await ScratchDatabase.PostgresAsync())
        {
            var passed = await RehearseAsync(files, target, scratch);
            Assert.Equal(ExitCodes.Ok, passed.ExitCode);
            Assert.Matches(@"\n  public\.logs +3 -> 3 +kept\n", passed.Stdout);
            Assert.Matches(@"\n  public\.users +2 -> 1 +named by a migration\n", passed.Stdout);
            Assert.Contains("rehearsal passed: 1 of 1 migration applied in ", passed.Stdout, StringComparison.Ordinal);
            Assert.Equal(["1|n"], await MigrationFiles.RowsAsync(scratch, "SELECT id, note FROM users"));
        }

        files.Write("0003_broken.sql", "ALTER TABLE users ADD COLUMN born date;\nUPDATE users SET born = 'not a date';\n");
        await using (var scratch = await ScratchDatabase.PostgresAsync())
        {
            var failed = await RehearseAsync(files, target, scratch, "--json");
            Assert.Equal(ExitCodes.Failed, failed.ExitCode);
            using var json = JsonDocument.Parse(failed.Stdout);
            var broken = json.RootElement.GetProperty("migrations").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "0003_broken");
            Assert.Equal("failed", broken.GetProperty("outcome").GetString());
            Assert.Equal(2, broken.GetProperty("failure").GetProperty("statement").GetInt32());
            Assert.True(broken.GetProperty("failure").GetProperty("rolledBack").GetBoolean());
            Assert.False(json.RootElement.GetProperty("succeeded").GetBoolean());
            Assert.DoesNotContain(target.Target.Password!, failed.Stdout + failed.Stderr, StringComparison.Ordinal);
        }

        Assert.Equal(shapeBefore, await MigrationFiles.RowsAsync(target, Shape));
        Assert.Equal(["1|a", "2|b"], await MigrationFiles.RowsAsync(target, "SELECT id, name FROM users ORDER BY id"));
        Assert.Equal(["1"], await MigrationFiles.RowsAsync(target, "SELECT version FROM ferry_migrations"));
    }

    [Fact]
    public async Task MariaDbToAnotherDatabaseAppliesAndCounts()
    {
        await using var target = await ScratchDatabase.MySqlAsync();
        using var files = await TargetAsync(target, "ALTER TABLE users ADD COLUMN note text;\nINSERT INTO users (id, name) VALUES (3, 'c');\n");
        await using var scratch = await ScratchDatabase.MySqlAsync();

        var passed = await RehearseAsync(files, target, scratch);

        Assert.Equal(ExitCodes.Ok, passed.ExitCode);
        Assert.Matches(@"\n  logs +3 -> 3 +kept\n", passed.Stdout);
        Assert.Matches(@"\n  users +2 -> 3 +named by a migration\n", passed.Stdout);
        Assert.Equal(["2"], await MigrationFiles.RowsAsync(target, "SELECT count(*) FROM users"));
    }

    [Fact]
    public async Task TheTargetItselfOrANonEmptyScratchIsRefused()
    {
        await using var target = ScratchDatabase.SqliteFile();
        using var files = await TargetAsync(target, "SELECT 1;\n");

        var same = await RehearseAsync(files, target, target);
        Assert.Equal(ExitCodes.Usage, same.ExitCode);
        Assert.Equal($"ferry: --on {target.Target.Redacted} is the database being migrated: rehearse on another, empty database (a scratch file or a database created for it).\n", same.Stderr);

        await using var busy = ScratchDatabase.SqliteFile();
        await using (var db = await busy.OpenAsync()) await db.ExecuteAsync("CREATE TABLE mine (id integer)", default);
        var notEmpty = await RehearseAsync(files, target, busy);
        Assert.Equal(ExitCodes.Usage, notEmpty.ExitCode);
        Assert.Equal($"ferry: --on {busy.Target.Redacted} is not empty (1 tables, 0 views): a rehearsal copies the target into an empty database, so nothing of its own is overwritten.\n", notEmpty.Stderr);
    }
}

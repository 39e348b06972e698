using Ferry.Cli.Output;
using Ferry.Errors;
using Ferry.Migrations;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Migrations;

/// <summary>What drizzle-kit lets pass in silence: an edited applied file, a deleted one, an older entry merged after a newer one ran.</summary>
public sealed class HistoryIntegrityTests
{
    [Fact]
    public async Task AnEditedAppliedFileIsChangedAndUpRefuses()
    {
        using var files = new MigrationFiles().Write("0001_t.sql", "CREATE TABLE t (id integer);\n");
        await using var scratch = ScratchDatabase.SqliteFile();
        await using var db = await scratch.OpenAsync();
        Assert.True((await files.Runner(db).UpAsync(new UpOptions(), default)).Succeeded);

        files.Write("0001_t.sql", "CREATE TABLE t (id integer, name text);\n").Write("0002_u.sql", "CREATE TABLE u (id integer);\n");
        var runner = files.Runner(db);
        var plan = await runner.PlanAsync(default);
        Assert.Equal([MigrationState.Changed, MigrationState.Pending], plan.Entries.Select(e => e.State));
        Assert.False(plan.Valid);
        var refused = await Assert.ThrowsAsync<FerryException>(() => runner.UpAsync(new UpOptions(), default));
        Assert.StartsWith($"{Path.Combine(files.Directory, "0001_t.sql")} has changed since it was applied", refused.Message, StringComparison.Ordinal);
        Assert.False(await MigrationFiles.TableExistsAsync(scratch, "u"));
    }

    [Fact]
    public async Task ADeletedAppliedFileIsMissingAndValidateFails()
    {
        using var files = new MigrationFiles().Write("0001_t.sql", "CREATE TABLE t (id integer);\n").Write("0002_u.sql", "CREATE TABLE u (id integer);\n");
        await using var scratch = ScratchDatabase.SqliteFile();
        await using (var db = await scratch.OpenAsync())
            Assert.True((await files.Runner(db).UpAsync(new UpOptions(), default)).Succeeded);
        File.Delete(Path.Combine(files.Directory, "0002_u.sql"));

        var validate = await FerryProcess.RunAsync(files.Directory, "migrate", "validate", "--dir", files.Directory, "--url", scratch.Url);
        Assert.Equal(ExitCodes.Failed, validate.ExitCode);
        Assert.Equal("ferry: 0002_u is recorded as applied, but no file in the folder is it.\n", validate.Stderr);
        var status = await FerryProcess.RunAsync(files.Directory, "migrate", "status", "--dir", files.Directory, "--url", scratch.Url);
        Assert.Contains("  missing      0002_u  ", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 applied, 1 missing", status.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADrizzleEntryOlderThanTheNewestAppliedIsReportedNotSkipped()
    {
        using var files = new MigrationFiles().Drizzle(
            ("0000_a", 1000, ["CREATE TABLE a (id integer);"]),
            ("0002_c", 3000, ["CREATE TABLE c (id integer);"]));
        await using var scratch = ScratchDatabase.SqliteFile();
        await using var db = await scratch.OpenAsync();
        Assert.True((await files.Runner(db).UpAsync(new UpOptions(), default)).Succeeded);

        // A branch merged late: its entry is older than 0002_c, which already ran. drizzle-orm skips it for ever.
        files.Drizzle(
            ("0000_a", 1000, ["CREATE TABLE a (id integer);"]),
            ("0001_b", 2000, ["CREATE TABLE b (id integer);"]),
            ("0002_c", 3000, ["CREATE TABLE c (id integer);"]));
        var runner = files.Runner(db);
        Assert.Equal([MigrationState.Applied, MigrationState.OutOfOrder, MigrationState.Applied], (await runner.PlanAsync(default)).Entries.Select(e => e.State));
        var refused = await Assert.ThrowsAsync<FerryException>(() => runner.UpAsync(new UpOptions(), default));
        Assert.StartsWith("0001_b was never applied, yet is older than the newest applied migration", refused.Message, StringComparison.Ordinal);

        var result = await runner.UpAsync(new UpOptions { AllowOutOfOrder = true }, default);
        Assert.Equal(["0001_b"], result.Done.Select(d => d.Migration.Name));
        Assert.Equal(["1000", "2000", "3000"], await MigrationFiles.RowsAsync(scratch, "SELECT created_at FROM __drizzle_migrations ORDER BY created_at"));
    }
}

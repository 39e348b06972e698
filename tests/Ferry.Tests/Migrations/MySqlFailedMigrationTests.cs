using Ferry.Cli.Output;
using Ferry.Migrations;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Migrations;

/// <summary>
/// MySQL commits each DDL statement on its own, so a failed migration cannot be undone by Ferry: it is
/// recorded as failed, status names the statement, and up refuses until told the database was put right.
/// </summary>
public sealed class MySqlFailedMigrationTests : IDisposable
{
    private readonly MigrationFiles _files = new MigrationFiles()
        .Write("0001_two_tables.sql", "CREATE TABLE first_one (id integer PRIMARY KEY);\nCREATE TABLE first_one (id integer PRIMARY KEY);\nCREATE TABLE third (id integer);\n");

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task AFailedMigrationIsRecordedAndStatusNamesTheStatement()
    {
        await using var scratch = await ScratchDatabase.MySqlAsync();
        await using (var db = await scratch.OpenAsync())
        {
            var result = await _files.Runner(db).UpAsync(new UpOptions(), default);
            var failure = Assert.IsType<MigrationFailure>(result.Failure);
            Assert.Equal((2, 3, false, "1050"), (failure.Statement, failure.Statements, failure.RolledBack, failure.Error.Server?.Code));
        }
        Assert.True(await MigrationFiles.TableExistsAsync(scratch, "first_one"));
        Assert.Equal(["1|0001_two_tables|2|3"], await MigrationFiles.RowsAsync(scratch, "SELECT version, name, statement, statements FROM ferry_migration_failures"));
        Assert.Empty(await MigrationFiles.RowsAsync(scratch, "SELECT version FROM ferry_migrations"));

        var status = await FerryProcess.RunAsync(_files.Directory, "migrate", "status", "--dir", _files.Directory, "--url", scratch.Url);
        Assert.Equal(ExitCodes.Ok, status.ExitCode);
        Assert.Contains("failed       0001_two_tables", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("0001_two_tables failed at statement 2 of 3 (CREATE TABLE first_one (id integer PRIMARY KEY)): Table 'first_one' already exists. Of it, statement 1 ran and stays: undo what ran", status.Stderr, StringComparison.Ordinal);

        var refused = await FerryProcess.RunAsync(_files.Directory, "migrate", "up", "--dir", _files.Directory, "--url", scratch.Url);
        Assert.Equal(ExitCodes.Failed, refused.ExitCode);
        Assert.Contains("--retry-failed", refused.Stderr, StringComparison.Ordinal);

        // Put right by hand (the file made safe to re-run), then retried: applied, and the failure forgotten.
        _files.Write("0001_two_tables.sql", "CREATE TABLE IF NOT EXISTS first_one (id integer PRIMARY KEY);\nCREATE TABLE third (id integer);\n");
        var retried = await FerryProcess.RunAsync(_files.Directory, "migrate", "up", "--retry-failed", "--dir", _files.Directory, "--url", scratch.Url);
        Assert.Equal(ExitCodes.Ok, retried.ExitCode);
        Assert.Contains("applied 1 migration in", retried.Stdout, StringComparison.Ordinal);
        Assert.Empty(await MigrationFiles.RowsAsync(scratch, "SELECT version FROM ferry_migration_failures"));
        Assert.Equal(["1|0001_two_tables"], await MigrationFiles.RowsAsync(scratch, "SELECT version, name FROM ferry_migrations"));
    }
}

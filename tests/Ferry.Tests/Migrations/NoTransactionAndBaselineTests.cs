using Ferry.Migrations;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Migrations;

/// <summary>A file that must run outside a transaction, a database adopted without running what it already has, and migrating on boot.</summary>
public sealed class NoTransactionAndBaselineTests
{
    [Fact]
    public async Task CreateIndexConcurrentlyRunsWhenTheFileAsksForNoTransaction()
    {
        // PostgreSQL refuses CREATE INDEX CONCURRENTLY inside a transaction block (25001): only the directive lets it run.
        using var files = new MigrationFiles()
            .Write("0001_t.sql", "CREATE TABLE t (id integer PRIMARY KEY, email text);\n")
            .Write("0002_index.sql", "-- ferry:no-transaction\nCREATE INDEX CONCURRENTLY t_email ON t (email);\n");
        await using var scratch = await ScratchDatabase.PostgresAsync();
        await using (var db = await scratch.OpenAsync())
        {
            var result = await files.Runner(db).UpAsync(new UpOptions(), default);
            Assert.True(result.Succeeded, result.Failure?.Error.Message);
        }
        Assert.Equal(["t_email"], await MigrationFiles.RowsAsync(scratch, "SELECT indexname FROM pg_indexes WHERE tablename = 't' AND indexname = 't_email'"));

        files.Write("0003_again.sql", "CREATE INDEX CONCURRENTLY t_email2 ON t (email);\n");
        await using (var db = await scratch.OpenAsync())
        {
            var result = await files.Runner(db).UpAsync(new UpOptions(), default);
            Assert.Equal(("25001", true), (result.Failure?.Error.Server?.Code, result.Failure?.RolledBack));
        }
    }

    [Fact]
    public async Task BaselineRecordsWithoutRunningAndUpThenRunsOnlyWhatIsNewer()
    {
        using var files = new MigrationFiles()
            .Write("0001_t.sql", "CREATE TABLE t (id integer);\n")
            .Write("0002_u.sql", "CREATE TABLE u (id integer);\n")
            .Write("0003_v.sql", "CREATE TABLE v (id integer);\n");
        await using var scratch = await ScratchDatabase.MySqlAsync();
        await using var db = await scratch.OpenAsync();
        await db.ExecuteAsync("CREATE TABLE t (id integer); CREATE TABLE u (id integer)", default);

        var recorded = await files.Runner(db).BaselineAsync("2", TimeSpan.FromSeconds(10), default);
        Assert.Equal(["0001_t", "0002_u"], recorded.Select(m => m.Name));
        var result = await files.Runner(db).UpAsync(new UpOptions(), default);
        Assert.Equal(["0003_v"], result.Done.Select(d => d.Migration.Name));
        Assert.Equal(["1|0001_t", "2|0002_u", "3|0003_v"], await MigrationFiles.RowsAsync(scratch, "SELECT version, name FROM ferry_migrations ORDER BY version"));
    }

    [Fact]
    public async Task MigrateOnStartAppliesPendingAndThrowsWithTheStatementOnFailure()
    {
        using var files = new MigrationFiles().Write("0001_t.sql", "CREATE TABLE t (id integer);\n");
        await using var scratch = ScratchDatabase.SqliteFile();
        var result = await MigrateOnStart.ApplyAsync(scratch.Url, files.Directory, default);
        Assert.Equal(["0001_t"], result.Done.Select(d => d.Migration.Name));
        Assert.Empty((await MigrateOnStart.ApplyAsync(scratch.Url, files.Directory, default)).Done);

        files.Write("0002_bad.sql", "CREATE TABLE u (id integer);\nINSERT INTO nope VALUES (1);\n");
        var failed = await Assert.ThrowsAsync<Ferry.Errors.FerryException>(() => MigrateOnStart.ApplyAsync(scratch.Url, files.Directory, default));
        Assert.Equal("0002_bad.sql failed at statement 2 of 2 (INSERT INTO nope VALUES (1)): SQLite Error 1: 'no such table: nope'; it was rolled back.", failed.Message);
        Assert.False(await MigrationFiles.TableExistsAsync(scratch, "u"));
    }
}

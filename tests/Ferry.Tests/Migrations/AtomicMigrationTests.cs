using Ferry.Migrations;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Migrations;

/// <summary>A statement that fails in the middle of a migration leaves nothing of that migration where DDL is transactional.</summary>
public sealed class AtomicMigrationTests : IDisposable
{
    private readonly MigrationFiles _files = new MigrationFiles()
        .Write("0001_base.sql", "CREATE TABLE base (id integer PRIMARY KEY);\nINSERT INTO base (id) VALUES (1);\n")
        .Write("0002_broken.sql", "CREATE TABLE half (id integer PRIMARY KEY);\nINSERT INTO base (id) VALUES (2);\nINSERT INTO no_such_table (id) VALUES (3);\nCREATE TABLE never (id integer);\n");

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("postgres", "42P01")]
    [InlineData("sqlite", "1")]
    // sqld 0.24 reports "no such table" as SQLITE_UNKNOWN, as its code, not SQLite's (1).
    [InlineData("sqld", "SQLITE_UNKNOWN")]
    public async Task AFailingStatementLeavesNoPartOfItsMigration(string engine, string code)
    {
        await using var scratch = await ScratchDatabase.ForEngineAsync(engine);
        MigrationRunResult result;
        await using (var db = await scratch.OpenAsync())
            result = await _files.Runner(db).UpAsync(new UpOptions(), default);

        Assert.Equal(["0001_base"], result.Done.Select(d => d.Migration.Name));
        var failure = Assert.IsType<MigrationFailure>(result.Failure);
        Assert.Equal(("0002_broken", 3, 4, "INSERT INTO no_such_table (id) VALUES (3)", true),
            (failure.Migration.Name, failure.Statement, failure.Statements, failure.StatementText, failure.RolledBack));
        Assert.Equal(code, failure.Error.Server?.Code);

        // The first migration stays; nothing of the second: no table, no row, no history row.
        Assert.False(await MigrationFiles.TableExistsAsync(scratch, "half"));
        Assert.Equal(["1"], await MigrationFiles.RowsAsync(scratch, "SELECT id FROM base ORDER BY id"));
        Assert.Equal(["1|0001_base"], await MigrationFiles.RowsAsync(scratch, "SELECT version, name FROM ferry_migrations ORDER BY version"));
        Assert.False(await MigrationFiles.TableExistsAsync(scratch, "ferry_migration_failures"));
    }
}

using Ferry.Migrations;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Migrations;

/// <summary>
/// A drizzle-kit style table rebuild on SQLite (PRAGMA foreign_keys=OFF, new table, copy, drop, rename):
/// the children of the rebuilt table keep their rows, and a rebuild that orphans one is rolled back. On SQLite the
/// runner sets the pragma before BEGIN; on sqld, which enforces foreign keys and takes a migration as one batch, the
/// batch sets it before its BEGIN and checks the keys before its COMMIT.
/// </summary>
public sealed class SqliteRebuildTests
{
    private const string Schema = """
        CREATE TABLE parent (id integer PRIMARY KEY, name text NOT NULL);
        --> statement-breakpoint
        CREATE TABLE child (id integer PRIMARY KEY, parent_id integer NOT NULL REFERENCES parent (id) ON DELETE CASCADE);
        --> statement-breakpoint
        INSERT INTO parent VALUES (1, 'a'), (2, 'b');
        --> statement-breakpoint
        INSERT INTO child VALUES (10, 1), (20, 2);
        """;

    private static string[] Rebuild(string copyWhere) =>
    [
        "PRAGMA foreign_keys=OFF;",
        "CREATE TABLE `__new_parent` (id integer PRIMARY KEY, name text NOT NULL, note text);",
        $"INSERT INTO `__new_parent` (id, name) SELECT id, name FROM `parent` {copyWhere};",
        "DROP TABLE `parent`;",
        "ALTER TABLE `__new_parent` RENAME TO `parent`;",
        "PRAGMA foreign_keys=ON;",
    ];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("sqld")]
    public async Task ARebuildKeepsTheChildRowsThatDrizzleWouldCascadeAway(string engine)
    {
        using var files = new MigrationFiles().Drizzle(("0000_schema", 1000, Schema.Split("--> statement-breakpoint")), ("0001_rebuild", 2000, Rebuild("")));
        await using var scratch = await ScratchDatabase.ForEngineAsync(engine);
        await using (var db = await scratch.OpenAsync())
            Assert.True((await files.Runner(db).UpAsync(new UpOptions(), default)).Succeeded);

        Assert.Equal(["10|1", "20|2"], await MigrationFiles.RowsAsync(scratch, "SELECT id, parent_id FROM child ORDER BY id"));
        Assert.Equal(["1|a|", "2|b|"], await MigrationFiles.RowsAsync(scratch, "SELECT id, name, note FROM parent ORDER BY id"));
    }

    [Theory]
    [InlineData("sqlite", "PRAGMA foreign_key_check found 1 row whose foreign key points nowhere (first: child rowid 20 → parent)")]
    [InlineData("sqld", "PRAGMA foreign_key_check found a row whose foreign key points nowhere")]
    public async Task ARebuildThatOrphansARowIsRolledBack(string engine, string message)
    {
        using var files = new MigrationFiles().Drizzle(("0000_schema", 1000, Schema.Split("--> statement-breakpoint")), ("0001_rebuild", 2000, Rebuild("WHERE id = 1")));
        await using var scratch = await ScratchDatabase.ForEngineAsync(engine);
        MigrationRunResult result;
        await using (var db = await scratch.OpenAsync())
            result = await files.Runner(db).UpAsync(new UpOptions(), default);

        var failure = Assert.IsType<MigrationFailure>(result.Failure);
        Assert.Equal(("0001_rebuild", "PRAGMA foreign_key_check", true), (failure.Migration.Name, failure.StatementText, failure.RolledBack));
        Assert.Equal(message, failure.Error.Message);
        Assert.Equal(["1|a", "2|b"], await MigrationFiles.RowsAsync(scratch, "SELECT id, name FROM parent ORDER BY id"));
        Assert.Equal(["1000"], await MigrationFiles.RowsAsync(scratch, "SELECT created_at FROM __drizzle_migrations"));
    }
}

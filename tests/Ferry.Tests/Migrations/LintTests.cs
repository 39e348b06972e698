using Ferry.Cli.Output;
using Ferry.Connections;
using Ferry.Migrations;
using Ferry.Migrations.Lint;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Migrations;

/// <summary><c>ferry migrate lint</c> and the refusal in <c>up</c>, on real databases holding rows.</summary>
public sealed class LintTests
{
    /// <summary>users (one row) and logs: what every rule weighs a migration against.</summary>
    private static async Task SeedAsync(ScratchDatabase scratch)
    {
        await using var db = await scratch.OpenAsync();
        foreach (var sql in new[]
        {
            "CREATE TABLE users (id integer PRIMARY KEY, name varchar(100), email varchar(200), age integer)",
            "INSERT INTO users (id, name, email, age) VALUES (1, 'a', 'a@example.com', 30)",
            "CREATE TABLE logs (id integer PRIMARY KEY, body text)",
        })
            await db.ExecuteAsync(sql, default);
    }

    private static async Task<IReadOnlyList<LintFinding>> LintAsync(ScratchDatabase scratch, MigrationFiles files, LintOptions? options = null)
    {
        await using var db = await scratch.OpenAsync();
        return await new MigrationLinter(db, options ?? new LintOptions()).LintAsync(files.Load(scratch.Target.Engine).Migrations, default);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    [InlineData("mysql")]
    public async Task EachRuleIsCaughtOnARealDatabase(string engine)
    {
        await using var scratch = await ScratchDatabase.ForEngineAsync(engine);
        await SeedAsync(scratch);
        var narrow = engine switch
        {
            "postgres" => "ALTER TABLE users ALTER COLUMN name TYPE varchar(20);",
            "mysql" => "ALTER TABLE users MODIFY name varchar(20);",
            _ => "SELECT 1;", // SQLite has no ALTER COLUMN: a narrowing there is a rebuild
        };
        using var files = new MigrationFiles()
            .Write("0001_drop_table.sql", "DROP TABLE logs;\n")
            .Write("0002_drop_column.sql", $"SELECT 1;\nALTER TABLE {scratch.Quote("users")} DROP COLUMN {scratch.Quote("age")};\n")
            .Write("0003_narrow.sql", narrow + "\n")
            .Write("0004_not_null.sql", "ALTER TABLE users ADD COLUMN score integer NOT NULL;\n")
            .Write("0005_rename.sql", "ALTER TABLE users DROP COLUMN email;\nALTER TABLE users ADD COLUMN mail varchar(200);\n")
            .Write("0006_safe.sql", "ALTER TABLE users ADD COLUMN note text;\nCREATE INDEX users_name ON users (name);\n" +
                "ALTER TABLE users ADD COLUMN flag integer NOT NULL DEFAULT 0;\nINSERT INTO logs (id, body) VALUES (1, 'DROP TABLE users');\n")
            .Write("0007_rename_table.sql", "CREATE TABLE journal (id integer PRIMARY KEY, body text);\nDROP TABLE logs;\n");

        var findings = await LintAsync(scratch, files);

        var expected = new List<string>
        {
            "0001_drop_table.sql statement 1: drop-table: drops table logs and every row in it",
            "0002_drop_column.sql statement 2: drop-column: drops column users.age and every value in it",
            "0004_not_null.sql statement 1: not-null-without-default: adds users.score NOT NULL without a default to a table that holds rows, which have no value to give it",
            "0005_rename.sql statement 1: rename-as-drop-add: drops column users.email and adds mail of the same type: if this is a rename, every value is lost, where RENAME COLUMN keeps them",
            "0007_rename_table.sql statement 2: rename-as-drop-add: drops table logs and creates journal with the same columns: if this is a rename, every row is lost, where ALTER TABLE … RENAME TO keeps them",
        };
        if (engine != "sqlite")
        {
            var declared = engine == "postgres" ? "character varying(100)" : "varchar(100)";
            expected.Insert(2, $"0003_narrow.sql statement 1: narrow-type: changes users.name from {declared} to varchar(20), which may not hold every value stored in it");
        }
        Assert.Equal(expected, findings.Select(f => f.Sentence));
        Assert.All(findings, f => Assert.False(f.Acknowledged));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    [InlineData("mysql")]
    public async Task UpRefusesAnUnacknowledgedDestructiveFileAndAppliesNothing(string engine)
    {
        await using var scratch = await ScratchDatabase.ForEngineAsync(engine);
        await SeedAsync(scratch);
        using var files = new MigrationFiles()
            .Write("0001_extra.sql", "CREATE TABLE extra (id integer);\n")
            .Write("0002_drop.sql", "DROP TABLE users;\n");

        var up = await FerryProcess.RunAsync(files.Directory, "migrate", "up", "--dir", files.Directory, "--url", scratch.Url);

        Assert.Equal(ExitCodes.Failed, up.ExitCode);
        Assert.Equal("", up.Stdout);
        Assert.Equal("ferry: Nothing was applied: 0002_drop.sql statement 1: drop-table: drops table users and every row in it. " +
            "Once the change is meant, say so at the top of its file (-- ferry:allow drop-table).\n", up.Stderr);
        Assert.False(await MigrationFiles.TableExistsAsync(scratch, "extra"));
        Assert.Equal(["1"], await MigrationFiles.RowsAsync(scratch, "SELECT count(*) FROM users"));
        Assert.Equal(["0"], await MigrationFiles.RowsAsync(scratch, "SELECT count(*) FROM ferry_migrations"));

        var lint = await FerryProcess.RunAsync(files.Directory, "migrate", "lint", "--dir", files.Directory, "--url", scratch.Url);
        Assert.Equal(ExitCodes.Failed, lint.ExitCode);
        Assert.Equal("0002_drop.sql statement 1: drop-table: drops table users and every row in it\n1 finding in 2 pending migrations, 1 not acknowledged\n", lint.Stdout);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    [InlineData("mysql")]
    public async Task AnAcknowledgedFindingPassesLintAndUpAppliesIt(string engine)
    {
        await using var scratch = await ScratchDatabase.ForEngineAsync(engine);
        await SeedAsync(scratch);
        using var files = new MigrationFiles()
            .Write("0001_drop_age.sql", "-- Age is computed from birth dates now.\n-- ferry:allow drop-column\nALTER TABLE users DROP COLUMN age;\n");

        var lint = await FerryProcess.RunAsync(files.Directory, "migrate", "lint", "--json", "--dir", files.Directory, "--url", scratch.Url);
        Assert.Equal(ExitCodes.Ok, lint.ExitCode);
        using (var json = System.Text.Json.JsonDocument.Parse(lint.Stdout))
        {
            Assert.Equal(0, json.RootElement.GetProperty("unacknowledged").GetInt32());
            var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray().ToList());
            Assert.Equal("drop-column", finding.GetProperty("rule").GetString());
            Assert.Equal(1, finding.GetProperty("statement").GetInt32());
            Assert.True(finding.GetProperty("acknowledged").GetBoolean());
            Assert.Equal(Path.Combine(files.Directory, "0001_drop_age.sql"), finding.GetProperty("file").GetString());
        }

        var up = await FerryProcess.RunAsync(files.Directory, "migrate", "up", "--dir", files.Directory, "--url", scratch.Url);
        Assert.Equal(ExitCodes.Ok, up.ExitCode);
        Assert.Equal(["1"], await MigrationFiles.RowsAsync(scratch, "SELECT count(*) FROM ferry_migrations"));
        await using var db = await scratch.OpenAsync();
        Assert.Null((await db.ReadSchemaAsync(default)).FindTable("users")!.FindColumn("age"));
    }

    [Fact]
    public async Task AnIndexOnALargePostgresTableMustBeBuiltConcurrently()
    {
        await using var scratch = await ScratchDatabase.PostgresAsync();
        await using (var db = await scratch.OpenAsync())
        {
            await db.ExecuteAsync("CREATE TABLE events (id bigint PRIMARY KEY, kind integer)", default);
            await db.ExecuteAsync("INSERT INTO events SELECT g, g % 7 FROM generate_series(1, 150000) g", default);
            await db.ExecuteAsync("ANALYZE events", default);
            await db.ExecuteAsync("CREATE TABLE small (id bigint PRIMARY KEY, kind integer)", default);
        }
        using var files = new MigrationFiles()
            .Write("0001_blocking.sql", "CREATE INDEX events_kind ON events (kind);\nCREATE INDEX small_kind ON small (kind);\n")
            .Write("0002_online.sql", "-- ferry:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS events_kind2 ON public.events (kind);\n");

        var findings = await LintAsync(scratch, files);
        Assert.Equal(["0001_blocking.sql statement 1: index-not-concurrent: builds an index on events (about 150,000 rows) without CONCURRENTLY, which blocks writes to the table until it is built"],
            findings.Select(f => f.Sentence));
        // The threshold is the user's: below it, the small table is large too.
        Assert.Equal(2, (await LintAsync(scratch, files, new LintOptions { LargeRows = -1 })).Count);
    }

    [Fact]
    public async Task ADrizzleFileCarriesItsAcknowledgementAndARebuildIsNoDrop()
    {
        await using var scratch = ScratchDatabase.SqliteFile();
        await SeedAsync(scratch);
        using var files = new MigrationFiles().Drizzle(
            ("0000_rebuild", 1000, [
                "PRAGMA foreign_keys=OFF;",
                "CREATE TABLE `__new_users` (id integer PRIMARY KEY, name varchar(100), email varchar(200), age integer);",
                "INSERT INTO `__new_users` SELECT id, name, email, age FROM `users`;",
                "DROP TABLE `users`;",
                "ALTER TABLE `__new_users` RENAME TO `users`;",
            ]),
            ("0001_drop_logs", 2000, ["-- ferry:allow drop-table\nDROP TABLE `logs`;"]));

        var finding = Assert.Single(await LintAsync(scratch, files));
        Assert.Equal(("0001_drop_logs.sql", 1, LintRules.DropTable, true), (Path.GetFileName(finding.File), finding.Statement, finding.Rule, finding.Acknowledged));
    }

    [Fact]
    public void AMisspeltRuleIsRefusedInOneSentence()
    {
        using var files = new MigrationFiles().Write("0001_x.sql", "-- ferry:allow drop-colum\nALTER TABLE users DROP COLUMN age;\n");
        var error = Assert.Throws<Ferry.Errors.FerryException>(() => files.Load(EngineKind.Sqlite));
        Assert.Equal($"{Path.Combine(files.Directory, "0001_x.sql")} allows 'drop-colum', which is not a lint rule; the rules are " +
            "drop-table, drop-column, narrow-type, not-null-without-default, rename-as-drop-add, index-not-concurrent.", error.Message);
    }

    [Theory]
    [InlineData("varchar(255)", "varchar(50)", true)]
    [InlineData("character varying(100)", "varchar(200)", false)]
    [InlineData("text", "varchar(10)", true)]
    [InlineData("varchar(10)", "text", false)]
    [InlineData("bigint", "integer", true)]
    [InlineData("int(11)", "bigint", false)]
    [InlineData("int unsigned", "int", true)]
    [InlineData("numeric(10,2)", "numeric(8,2)", true)]
    [InlineData("numeric(10,2)", "numeric(12,3)", false)]
    [InlineData("integer", "numeric(12,2)", false)]
    [InlineData("double precision", "real", true)]
    [InlineData("text", "integer", true)]
    [InlineData("timestamp(6) without time zone", "timestamp(6)", false)]
    public void ANarrowingIsTold(string from, string to, bool narrows) => Assert.Equal(narrows, TypeWidth.Narrows(from, to));

    [Fact]
    public void StatementsAreReadFromTheDialectsTokens()
    {
        Assert.Equal([new ChangeType(new TableRef("app", "Users"), "name", "varchar(20)")],
            StatementReader.Read("ALTER TABLE app.\"Users\" ALTER COLUMN Name SET DATA TYPE varchar(20) USING left(name, 20)", Ferry.Engines.SqlFlavor.Postgres));
        Assert.Equal<SchemaChange>([new ChangeType(new TableRef(null, "users"), "name", "varchar(20)"), new SetNotNull(new TableRef(null, "users"), "name")],
            StatementReader.Read("ALTER TABLE `users` CHANGE `name` `full_name` varchar(20) NOT NULL", Ferry.Engines.SqlFlavor.MySql));
        Assert.Empty(StatementReader.Read("ALTER TABLE users DROP CONSTRAINT users_name_key, ADD CONSTRAINT c CHECK (id > 0)", Ferry.Engines.SqlFlavor.Postgres));
        Assert.Empty(StatementReader.Read("INSERT INTO logs VALUES ('DROP TABLE users')", Ferry.Engines.SqlFlavor.Sqlite));
        Assert.Equal<SchemaChange>([new DropTable(new TableRef(null, "a")), new DropTable(new TableRef("s", "b"))],
            StatementReader.Read("DROP TABLE IF EXISTS a, s.b CASCADE", Ferry.Engines.SqlFlavor.Postgres));
    }
}

using System.Text.Json;
using Ferry.Cli.Output;
using Ferry.Connections;
using Ferry.Copy;
using Ferry.Ddl;
using Ferry.Engines;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>
/// The plan's DDL is one list of steps: --dry-run prints it, the copy runs exactly it and reports each
/// step's outcome, and a step the target refuses costs its object, never the rest of the copy.
/// </summary>
public sealed class DdlStepsTests : IAsyncLifetime
{
    private SqliteSource _sqlite = null!;

    private ConnectionTarget Source => _sqlite.Target;

    public async Task InitializeAsync()
    {
        _sqlite = await SqliteSource.CreateAsync("""
            CREATE TABLE customers (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, email TEXT UNIQUE);
            CREATE TABLE orders (id INTEGER PRIMARY KEY, customer INTEGER REFERENCES customers (id), total REAL CHECK (total >= 0));
            CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
            CREATE INDEX orders_customer ON orders (customer);
            INSERT INTO customers (name, email) VALUES ('Ana', 'a@x'), ('Bo', 'b@x'), ('Cy', 'c@x');
            DELETE FROM customers WHERE id = 3;
            INSERT INTO orders VALUES (1, 1, 9.5), (2, 2, 0);
            INSERT INTO notes VALUES (1, 'n'), (9223372036854775807, 'the largest key there is');
            """);
    }

    public Task DisposeAsync()
    {
        _sqlite.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("mysql")]
    [InlineData("sqlite")]
    [InlineData("sqld")]
    public async Task TheCopyRunsExactlyThePlannedStepsAndReportsEach(string engine)
    {
        await using var target = await ScratchDatabase.ForEngineAsync(engine);
        var plan = await CopyHarness.PlanAsync(Source, target.Target.Engine);
        var report = await CopyHarness.CopyAsync(Source, target.Target);

        Assert.Empty(report.Problems);
        Assert.Equal(plan.Steps.Select(s => s.Sql), report.Steps.Select(o => o.Step.Sql));
        Assert.All(report.Steps, o => Assert.Equal(StepStatus.Done, o.Status));
        Assert.Equal(StepKind.CreateTable, plan.Steps[0].Kind);
        Assert.Contains(plan.Steps, s => s.Kind == StepKind.CreateIndex && s.Object == "index orders_customer");
        // The identity steps move keys past the source's high-water mark: customer 3 was deleted, and its key is not handed out again.
        await CopyHarness.ExecuteAsync(target.Target, $"INSERT INTO {target.Quote("customers")} (name) VALUES ('Di')");
        Assert.Equal(4L, Convert.ToInt64((await CopyHarness.RowsAsync(target.Target, $"SELECT max(id) FROM {target.Quote("customers")}"))[0][0]));
        // notes' key is 2^63-1: moving its identity on must not overflow.
        Assert.Equal(2L, Convert.ToInt64((await CopyHarness.RowsAsync(target.Target, $"SELECT count(*) FROM {target.Quote("notes")}"))[0][0]));
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("mysql")]
    [InlineData("sqlite")]
    [InlineData("sqld")]
    public async Task ATableTheTargetRefusesCostsThatTableNotTheCopy(string engine)
    {
        await using var target = await ScratchDatabase.ForEngineAsync(engine);
        // A view of the same name: the target refuses CREATE TABLE customers, which a copy only learns by trying.
        await CopyHarness.ExecuteAsync(target.Target, $"CREATE VIEW {target.Quote("customers")} AS SELECT 1 AS one");
        var journal = _sqlite.File($"journal-{engine}.json");
        var run = await FerryProcess.RunAsync(_sqlite.Folder, "copy", "sqlite:" + Source.FilePath, target.Url, "--journal", journal, "--json");

        Assert.True(run.ExitCode == ExitCodes.Failed && run.Stdout.Length > 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var problems = json.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Contains(problems, p => p.StartsWith("customers could not be created (", StringComparison.Ordinal) && p.Contains("2 rows were not copied", StringComparison.Ordinal));
        var steps = json.RootElement.GetProperty("steps").EnumerateArray().Select(s => (Object: s.GetProperty("object").GetString(), Status: s.GetProperty("status").GetString())).ToList();
        Assert.Contains(("table customers", "Failed"), steps);
        Assert.Contains(("table orders", "Done"), steps);
        // The foreign key needs customers: skipped, not attempted (or, where CREATE TABLE holds it, left out of orders); the rest is made.
        if (engine is "sqlite" or "sqld")
            Assert.Contains("The foreign key orders (customer) → customers was left out: customers could not be created.", problems);
        else
            Assert.Contains(("foreign key orders (customer) → customers", "Skipped"), steps);
        Assert.Contains(("index orders_customer", "Done"), steps);
        var tables = json.RootElement.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("table").GetString()!);
        Assert.Equal(2, tables["customers"].GetProperty("notCopied").GetInt64());
        Assert.Equal(2, tables["orders"].GetProperty("written").GetInt64());
        Assert.Equal(2L, Convert.ToInt64((await CopyHarness.RowsAsync(target.Target, $"SELECT count(*) FROM {target.Quote("notes")}"))[0][0]));
        Assert.False(File.Exists(journal));
    }

    [Fact]
    public async Task DryRunPrintsEveryStepInOrder()
    {
        var run = await FerryProcess.RunAsync(_sqlite.Folder, "copy", "sqlite:" + Source.FilePath, "postgres://nobody@127.0.0.1:1/none", "--dry-run", "--json");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var steps = json.RootElement.GetProperty("steps").EnumerateArray().Select(s => (Kind: s.GetProperty("kind").GetString(), Sql: s.GetProperty("sql").GetString())).ToList();
        Assert.Equal(["CreateTable", "CreateTable", "CreateTable", "AddPrimaryKey", "AddUnique", "AddPrimaryKey", "AddPrimaryKey", "AddCheck", "CreateIndex", "AddForeignKey",
            "ResetIdentity", "ResetIdentity", "ResetIdentity", "Analyze", "Analyze", "Analyze"], steps.Select(s => s.Kind));
        Assert.Contains(("ResetIdentity", """SELECT setval(pg_get_serial_sequence('"customers"', 'id'), GREATEST(GREATEST(max("id"), 3), 1), GREATEST(max("id"), 3) >= 1) FROM "customers" """.TrimEnd()), steps);
        Assert.Contains(("AddForeignKey", """ALTER TABLE "orders" ADD FOREIGN KEY ("customer") REFERENCES "customers" ("id")"""), steps);
    }

    /// <summary>
    /// On PostgreSQL the keys, then the checks and indexes, then the statistics of every table are built several at
    /// once, on connections of their own. A unique index the target refuses among them (a key of 10,000 random hex
    /// digits: SQLite indexes any length, a PostgreSQL btree entry holds at most 2,704 bytes) costs only itself; the
    /// report still lists every step in the plan's order, and the other indexes are there.
    /// </summary>
    [Fact]
    public async Task IndexesBuiltSideBySideReportInPlanOrderAndARefusedOneCostsOnlyItself()
    {
        using var sqlite = await SqliteSource.CreateAsync("""
            CREATE TABLE people (id INTEGER PRIMARY KEY, note TEXT, city TEXT, age INTEGER CHECK (age >= 0));
            CREATE TABLE visits (id INTEGER PRIMARY KEY, person INTEGER REFERENCES people (id), at TEXT);
            CREATE INDEX people_city ON people (city);
            CREATE INDEX people_age ON people (age, city);
            CREATE UNIQUE INDEX people_note ON people (note);
            CREATE INDEX visits_at ON visits (at);
            CREATE INDEX visits_person ON visits (person);
            INSERT INTO people VALUES (1, hex(randomblob(5000)), 'Oslo', 30), (2, 'short', 'Rome', 40), (3, NULL, 'Oslo', 50);
            INSERT INTO visits VALUES (1, 1, '2024-01-01'), (2, 3, '2024-02-01');
            """);
        await using var target = await ScratchDatabase.ForEngineAsync("postgres");
        var plan = await CopyHarness.PlanAsync(sqlite.Target, EngineKind.Postgres);
        var report = await CopyHarness.CopyAsync(sqlite.Target, target.Target);

        var kinds = plan.Steps.Select(s => s.Kind).ToList();
        Assert.True(kinds.FindLastIndex(k => k is StepKind.CreateIndex or StepKind.AddCheck) < kinds.IndexOf(StepKind.AddForeignKey), string.Join(", ", kinds));
        Assert.Equal(plan.Steps.Select(s => s.Sql), report.Steps.Select(o => o.Step.Sql));
        Assert.Equal(["index people_note"], report.Steps.Where(o => o.Status != StepStatus.Done).Select(o => o.Step.Object.Replace("unique ", "", StringComparison.Ordinal)));
        Assert.StartsWith("people: the unique index people_note could not be created: ", Assert.Single(report.Problems), StringComparison.Ordinal);
        var indexes = await CopyHarness.RowsAsync(target.Target, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname");
        Assert.Equal(["people_age", "people_city", "people_pkey", "visits_at", "visits_person", "visits_pkey"], indexes.Select(r => (string)r[0]!));
        Assert.Equal(3, report.Tables.Single(t => t.Table == "people").TargetRows);
    }
}

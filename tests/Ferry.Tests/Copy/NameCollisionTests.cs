using System.Text.Json;
using Ferry.Cli.Output;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>
/// A name the target would cut (PostgreSQL keeps 63 bytes) or merge with another (SQLite and MySQL take
/// "Email" and "email" for one) costs the object that holds it, said by name; the rest of the copy goes on.
/// </summary>
public sealed class NameCollisionTests : IDisposable
{
    private static readonly string Long = "invoice_line_item_adjustment_" + new string('x', 40);
    private readonly string _folder = Directory.CreateTempSubdirectory("ferry-names-").FullName;

    // IDisposable, not IAsyncDisposable: this xunit disposes a test class only through IDisposable or IAsyncLifetime.
    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task NamesTooLongForPostgresAreLeftOutByNameNotCut()
    {
        var source = Path.Combine(_folder, "long.db");
        // Two table names alike in their first 63 bytes: PostgreSQL would make them one table.
        await CopyHarness.ExecuteAsync(new() { Engine = Ferry.Connections.EngineKind.Sqlite, FilePath = source }, $"""
            CREATE TABLE keep (id INTEGER PRIMARY KEY, name TEXT);
            CREATE INDEX {Long}_idx ON keep (name);
            CREATE TABLE {Long}_a (id INTEGER PRIMARY KEY);
            CREATE TABLE {Long}_b (id INTEGER PRIMARY KEY);
            CREATE TABLE wide (id INTEGER PRIMARY KEY, {Long} TEXT);
            INSERT INTO keep VALUES (1, 'a'), (2, 'b');
            INSERT INTO {Long}_a VALUES (1);
            INSERT INTO {Long}_b VALUES (1), (2);
            INSERT INTO wide VALUES (1, 'w');
            """);
        await using var target = await ScratchDatabase.PostgresAsync();

        var (exit, problems, warnings, notCopied) = await CopyAsync("sqlite:" + source, target.Url);

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Equal([
            $"{Long}_a could not be created (its name is 71 bytes long, and PostgreSQL keeps only the first 63); 1 rows were not copied, and what needs the table was left out.",
            $"{Long}_b could not be created (its name is 71 bytes long, and PostgreSQL keeps only the first 63); 2 rows were not copied, and what needs the table was left out.",
            $"wide could not be created (its column {Long} is 69 bytes long, and PostgreSQL keeps only the first 63); 1 rows were not copied, and what needs the table was left out.",
        ], problems.Order(StringComparer.Ordinal));
        Assert.Contains($"keep: the index {Long}_idx could not be created: its name is 73 bytes long, and PostgreSQL keeps only the first 63.", warnings);
        Assert.Equal(1, notCopied[$"{Long}_a"]);
        Assert.Equal(1, notCopied["wide"]);
        Assert.Equal(["keep"], (await CopyHarness.RowsAsync(target.Target, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).Select(r => (string)r[0]!));
        Assert.Empty(await CopyHarness.RowsAsync(target.Target, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname LIKE 'invoice%'"));
        Assert.Equal(2L, Convert.ToInt64((await CopyHarness.RowsAsync(target.Target, "SELECT count(*) FROM keep"))[0][0]));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("sqld")]
    [InlineData("mysql")]
    public async Task NamesThatDifferOnlyByCaseCostTheSecondObjectNotTheCopy(string engine)
    {
        // PostgreSQL's quoted names keep their case: "User" and "user" are two tables, "Email" and "email" two columns.
        await using var source = await ScratchDatabase.PostgresAsync();
        await CopyHarness.ExecuteAsync(source.Target, """
            CREATE TABLE "User" (id int PRIMARY KEY, name text);
            CREATE TABLE "user" (id int PRIMARY KEY);
            CREATE TABLE people (id int PRIMARY KEY, "Email" text, email text);
            CREATE TABLE keep (id int PRIMARY KEY, "User" int REFERENCES "User" (id));
            INSERT INTO "User" VALUES (1, 'Ana'), (2, 'Bo');
            INSERT INTO "user" VALUES (7);
            INSERT INTO people VALUES (1, 'A@x', 'a@x'), (2, 'B@x', 'b@x');
            INSERT INTO keep VALUES (1, 1), (2, 2), (3, 1);
            ANALYZE;
            """);
        await using var target = await ScratchDatabase.ForEngineAsync(engine);
        var product = engine switch { "mysql" => "MySQL", "sqld" => "libSQL", _ => "SQLite" };

        var (exit, problems, _, notCopied) = await CopyAsync(source.Url, target.Url);

        Assert.Equal(ExitCodes.Failed, exit);
        var people = $"people could not be created (its columns Email and email are one name to {product}, which compares column names without regard to case); 2 rows were not copied, and what needs the table was left out.";
        // MySQL's table names follow the server's lower_case_table_names: 0 here, so "User" and "user" are two tables.
        var expected = engine == "mysql" ? [people]
            : new[] { people, $"user could not be created (its name and User's are one to {product}, which compares table names without regard to case); 1 rows were not copied, and what needs the table was left out." };
        Assert.Equal(expected.Order(StringComparer.Ordinal), problems.Order(StringComparer.Ordinal));
        Assert.Equal(2, notCopied["people"]);
        Assert.Equal(engine == "mysql" ? 0 : 1, notCopied["user"]);
        // The table that took the name holds its own rows, not the other's; the rest arrived whole.
        Assert.Equal(["Ana", "Bo"], (await CopyHarness.RowsAsync(target.Target, $"SELECT name FROM {target.Quote("User")} ORDER BY id")).Select(r => (string)r[0]!));
        Assert.Equal(3L, Convert.ToInt64((await CopyHarness.RowsAsync(target.Target, $"SELECT count(*) FROM {target.Quote("keep")}"))[0][0]));
        var tables = engine == "mysql" ? "SELECT table_name FROM information_schema.tables WHERE table_schema = database()" : "SELECT name FROM sqlite_master WHERE type = 'table'";
        Assert.DoesNotContain("people", (await CopyHarness.RowsAsync(target.Target, tables)).Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task AUniqueKeyTheTargetsCollationMergesIsAProblemByName()
    {
        var source = Path.Combine(_folder, "keys.db");
        // MySQL's utf8mb4_bin is PAD SPACE: 'a' and 'a ' are one key there, two in SQLite.
        await CopyHarness.ExecuteAsync(new() { Engine = Ferry.Connections.EngineKind.Sqlite, FilePath = source }, """
            CREATE TABLE codes (id INTEGER PRIMARY KEY, code TEXT UNIQUE);
            CREATE TABLE tags (id INTEGER PRIMARY KEY, tag TEXT);
            CREATE UNIQUE INDEX tags_tag ON tags (tag);
            CREATE TABLE keep (id INTEGER PRIMARY KEY, name TEXT);
            INSERT INTO codes VALUES (1, 'a'), (2, 'a ');
            INSERT INTO tags VALUES (1, 'x'), (2, 'x  ');
            INSERT INTO keep VALUES (1, 'k'), (2, 'l');
            """);
        await using var target = await ScratchDatabase.MySqlAsync();

        var (exit, problems, _, notCopied) = await CopyAsync("sqlite:" + source, target.Url);

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("codes: the unique key (code) could not be created: MySQL error 1062 on ", StringComparison.Ordinal) && p.EndsWith(": Duplicate entry 'a' for key 'code'.", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("tags: the unique index tags_tag could not be created: MySQL error 1062 on ", StringComparison.Ordinal) && p.EndsWith(": Duplicate entry 'x' for key 'tags_tag'.", StringComparison.Ordinal));
        // The rows are all there, as the source holds them; only the keys are not.
        Assert.All(notCopied.Values, n => Assert.Equal(0, n));
        Assert.Equal(["a", "a "], (await CopyHarness.RowsAsync(target.Target, "SELECT code FROM codes ORDER BY id")).Select(r => (string)r[0]!));
        Assert.Equal(2L, Convert.ToInt64((await CopyHarness.RowsAsync(target.Target, "SELECT count(*) FROM keep"))[0][0]));
    }

    /// <summary>Runs <c>ferry copy --json</c>: the exit code, the report's problems and warnings, and each table's rows not copied.</summary>
    private async Task<(int Exit, List<string> Problems, List<string> Warnings, Dictionary<string, long> NotCopied)> CopyAsync(string from, string to)
    {
        var run = await FerryProcess.RunAsync(_folder, "copy", from, to, "--journal", Path.Combine(_folder, "journal.json"), "--json");
        Assert.True(run.Stdout.Length > 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        List<string> Strings(string name) => json.RootElement.GetProperty(name).EnumerateArray().Select(p => p.GetString()!).ToList();
        var notCopied = json.RootElement.GetProperty("tables").EnumerateArray()
            .ToDictionary(t => t.GetProperty("table").GetString()!, t => t.GetProperty("notCopied").GetInt64(), StringComparer.Ordinal);
        return (run.ExitCode, Strings("problems"), Strings("warnings"), notCopied);
    }
}

using Ferry.Cli.Output;
using Ferry.Copy;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>
/// A copy stopped by a refused value, run as a user runs it: the target is left as Ferry found it, and
/// the advice it prints (run again with --rejects FILE) works. A journal the target no longer matches is
/// stale: never resumed, and a plain run starts over.
/// </summary>
public sealed class RefusalAdviceTests : IAsyncLifetime
{
    private SqliteSource _sqlite = null!;
    private ScratchDatabase? _postgresSource;

    /// <summary>The SQLite source's path, as the command line names it.</summary>
    private string Source => _sqlite.Target.FilePath!;

    private string Folder => _sqlite.Folder;

    // products comes after customers in the load order, so a table is already loaded when the refusal comes.
    public async Task InitializeAsync() => _sqlite = await SqliteSource.CreateAsync("""
        CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE products (id INTEGER PRIMARY KEY, customer INTEGER REFERENCES customers (id), qty INTEGER);
        INSERT INTO customers VALUES (1, 'Ana'), (2, 'Bo');
        INSERT INTO products VALUES (1, 1, 5), (2, 2, 'many'), (3, 1, 7);
        """);

    public async Task DisposeAsync()
    {
        if (_postgresSource is not null) await _postgresSource.DisposeAsync();
        _sqlite.Dispose();
    }

    /// <summary>
    /// A source with one value the target cannot hold. Between SQLite and libSQL every value is carried as
    /// stored, so those targets get a PostgreSQL source whose -0.0 a SQLite REAL column would fold to 0.0.
    /// </summary>
    private async Task<(string Url, string Reason)> SourceFor(string engine)
    {
        if (engine is not ("sqlite" or "sqld")) return ("sqlite:" + Source, "the text 'many' is not an integer");
        _postgresSource = await ScratchDatabase.PostgresAsync();
        await CopyHarness.ExecuteAsync(_postgresSource.Target, """
            CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL);
            CREATE TABLE products (id bigint PRIMARY KEY, customer bigint REFERENCES customers (id), qty double precision);
            INSERT INTO customers VALUES (1, 'Ana'), (2, 'Bo');
            INSERT INTO products VALUES (1, 1, 5), (2, 2, '-0'), (3, 1, 7);
            """);
        return (_postgresSource.Url, $"the real -0.0 would be stored by {(engine == "sqld" ? "libSQL" : "SQLite")} REAL as the real 0.0");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    [InlineData("mysql")]
    [InlineData("sqld")]
    public async Task TheAdviceAfterARefusalWorks(string engine)
    {
        await using var target = await ScratchDatabase.ForEngineAsync(engine);
        var journal = _sqlite.File($"journal-{engine}.json");
        var (source, reason) = await SourceFor(engine);
        string[] copy = ["copy", source, target.Url, "--journal", journal];

        var refused = await FerryProcess.RunAsync(Folder, copy);
        Assert.Equal(ExitCodes.Failed, refused.ExitCode);
        Assert.Contains($"Row (id=2) of products, column qty: {reason}.", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("The target is as Ferry found it (the 2 tables this copy had created were dropped again). Run again with --rejects FILE", refused.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(journal));
        await using (var db = await target.OpenAsync())
            Assert.Empty((await db.ReadSchemaAsync(default)).Tables);

        var rejects = _sqlite.File($"rejects-{engine}.jsonl");
        var again = await FerryProcess.RunAsync(Folder, [.. copy, "--rejects", rejects]);
        // Exit 1: a row was not copied as it was; it is in the rejects file, and every other row arrived.
        Assert.True(again.ExitCode == ExitCodes.Failed, again.Stderr + again.Stdout);
        Assert.Contains("1 rows of products were refused", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"key\":\"(id=2)\"", Assert.Single(await File.ReadAllLinesAsync(rejects)), StringComparison.Ordinal);
        Assert.Equal([1L, 3L], (await CopyHarness.RowsAsync(target.Target, $"SELECT id FROM {target.Quote("products")} ORDER BY id")).Select(r => Convert.ToInt64(r[0])));
        Assert.Equal(2L, Convert.ToInt64((await CopyHarness.RowsAsync(target.Target, $"SELECT count(*) FROM {target.Quote("customers")}"))[0][0]));
    }

    [Fact]
    public async Task ARunThatEmptiedTablesCannotBeUndoneAndSaysToResumeWithRejects()
    {
        await using var target = await ScratchDatabase.PostgresAsync();
        await CopyHarness.ExecuteAsync(target.Target, "CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL); INSERT INTO customers VALUES (9, 'old');");
        var journal = _sqlite.File("journal-truncate.json");
        string[] copy = ["copy", "sqlite:" + Source, target.Url, "--journal", journal, "--if-exists", "truncate"];

        var refused = await FerryProcess.RunAsync(Folder, copy);
        Assert.Equal(ExitCodes.Failed, refused.ExitCode);
        Assert.Contains("the target cannot be put back as it was (--if-exists truncate emptied customers)", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("Run the same command with --resume --rejects FILE", refused.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(journal));

        var rejects = _sqlite.File("rejects-truncate.jsonl");
        var resumed = await FerryProcess.RunAsync(Folder, [.. copy, "--resume", "--rejects", rejects]);
        Assert.True(resumed.ExitCode == ExitCodes.Failed, resumed.Stderr + resumed.Stdout);
        Assert.Single(await File.ReadAllLinesAsync(rejects));
        Assert.Equal([1L, 3L], (await CopyHarness.RowsAsync(target.Target, "SELECT id FROM products ORDER BY id")).Select(r => r[0]));
        Assert.Equal([1L, 2L], (await CopyHarness.RowsAsync(target.Target, "SELECT id FROM customers ORDER BY id")).Select(r => r[0]));
        Assert.False(File.Exists(journal));
    }

    [Fact]
    public async Task AJournalWhoseTargetWasReplacedIsStale()
    {
        await using var target = ScratchDatabase.SqliteFile();
        var journal = _sqlite.File("journal-stale.json");
        // An interrupted copy had loaded customers; then the target file was deleted and is now empty.
        var stale = CopyJournal.Start(journal, _sqlite.Target.Redacted, target.Target.Redacted);
        stale.Set("customers", TablePhase.Loaded, 2);
        stale.Set("products", TablePhase.Loading);
        string[] copy = ["copy", "sqlite:" + Source, target.Url, "--journal", journal, "--rejects", _sqlite.File("rejects-stale.jsonl")];

        var resumed = await FerryProcess.RunAsync(Folder, [.. copy, "--resume"]);
        Assert.Equal(ExitCodes.Usage, resumed.ExitCode);
        Assert.Contains($"The journal at {journal} is stale: it records an interrupted copy, but the target has no table customers, so it cannot be resumed.", resumed.Stderr, StringComparison.Ordinal);
        // Opening the target made the file, as any copy into a new SQLite file does; nothing was written to it.
        Assert.Equal(0L, new FileInfo(target.Target.FilePath!).Length);

        var plain = await FerryProcess.RunAsync(Folder, copy);
        Assert.True(plain.ExitCode == ExitCodes.Ok, plain.Stderr + plain.Stdout);
        Assert.Contains("was stale (the target has no table customers); this copy started over", plain.Stdout.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(2L, (await CopyHarness.RowsAsync(target.Target, "SELECT count(*) FROM customers"))[0][0]);
        Assert.Equal(3L, (await CopyHarness.RowsAsync(target.Target, "SELECT count(*) FROM products"))[0][0]);
    }
}

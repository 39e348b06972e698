using Ferry.Connections;
using Ferry.Engines;
using Ferry.Tests.Copy;
using Ferry.Tests.Support;
using Ferry.Verify;
using Xunit;

namespace Ferry.Tests.Verify;

/// <summary>
/// A SQLite database copied into each engine verifies clean; then the target gets exactly one difference of
/// each kind, and verify names exactly those rows and columns — and nothing else.
/// </summary>
public sealed class VerifyTests : IAsyncLifetime
{
    private SqliteSource _sqlite = null!;

    public async Task InitializeAsync()
    {
        _sqlite = await SqliteSource.CreateAsync("""
            CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT, price REAL, made DATETIME, note TEXT, data BLOB);
            INSERT INTO item VALUES
              (1, 'alpha', 1.5, '2024-01-02 03:04:05', 'x', X'0102'),
              (2, 'beta', 0.1, '2024-02-03 04:05:06', NULL, X'03'),
              (3, 'gamma', 2.25, '2024-03-04 05:06:07', '', X''),
              (4, 'delta', 1e10, '2024-04-05 06:07:08', 'n', X'FF'),
              (5, 'epsilon', 3.0, '2024-05-06 07:08:09', 'e', NULL),
              (6, '한국어 🎉', -0.5, '2024-06-07 08:09:10', 'z', X'00');
            CREATE TABLE tag (code TEXT PRIMARY KEY, label TEXT);
            INSERT INTO tag VALUES ('apple', 'A'), ('banana', 'B'), ('cherry', 'C'), ('Zebra', 'capital Z sorts first by bytes');
            CREATE TABLE log (at INTEGER, msg TEXT);
            INSERT INTO log VALUES (1, 'start'), (2, 'middle'), (2, 'middle'), (3, 'end');
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
    [InlineData("sqld")]
    [InlineData("sqlite")]
    public async Task ACopyVerifiesCleanAndEachChangeIsNamed(string engine)
    {
        await using var target = await ScratchDatabase.ForEngineAsync(engine);
        await CopyHarness.CopyAsync(_sqlite.Target, target.Target);

        var clean = await VerifyAsync(target.Target, VerifyLevel.Rows);
        Assert.True(clean.Same, string.Join("; ", clean.Tables.Select(t => $"{t.Table} {t.Status} {string.Join(",", t.Schema)} {string.Join(",", t.Listed)}")));
        Assert.Equal(["item", "log", "tag"], clean.Tables.Select(t => t.Table).Order(StringComparer.Ordinal).ToList());
        Assert.All(clean.Tables, t => Assert.Equal(t.SourceRows, t.TargetRows));
        Assert.Equal(6, clean.Tables.Single(t => t.Table == "item").SourceRows);

        await using (var db = await Databases.OpenAsync(target.Target, ScratchDatabase.ReadWrite, default))
        {
            var q = db.Dialect;
            string T(string name) => q.Quote(name);
            foreach (var sql in new[]
            {
                $"UPDATE {T("item")} SET {T("price")} = 0.10000000000000002 WHERE {T("id")} = 2",
                $"UPDATE {T("item")} SET {T("note")} = NULL WHERE {T("id")} = 3",
                engine switch
                {
                    "postgres" => $"UPDATE {T("item")} SET {T("made")} = {T("made")} + interval '9 hours' WHERE {T("id")} = 1",
                    "mysql" => $"UPDATE {T("item")} SET {T("made")} = {T("made")} + INTERVAL 9 HOUR WHERE {T("id")} = 1",
                    _ => $"UPDATE {T("item")} SET {T("made")} = '2024-01-02 12:04:05' WHERE {T("id")} = 1",
                },
                engine == "postgres"
                    ? $"UPDATE {T("item")} SET {T("data")} = '\\xfe'::bytea WHERE {T("id")} = 4"
                    : $"UPDATE {T("item")} SET {T("data")} = X'FE' WHERE {T("id")} = 4",
                $"DELETE FROM {T("item")} WHERE {T("id")} = 5",
                $"INSERT INTO {T("item")} ({T("id")}, {T("name")}) VALUES (7, 'extra')",
                $"UPDATE {T("tag")} SET {T("code")} = 'banana ' WHERE {T("code")} = 'banana'",
                $"UPDATE {T("log")} SET {T("msg")} = 'Middle' WHERE {T("at")} = 3",
            })
                await db.ExecuteAsync(sql, default);
        }

        var report = await VerifyAsync(target.Target, VerifyLevel.Rows);
        Assert.False(report.Same);
        var item = report.Tables.Single(t => t.Table == "item");
        Assert.Equal(TableStatus.Differs, item.Status);
        Assert.Equal(
            [
                "(id=1) Changed made", "(id=2) Changed price", "(id=3) Changed note", "(id=4) Changed data", "(id=5) Missing ", "(id=7) Extra ",
            ],
            item.Listed.Select(d => $"{d.Key} {d.Kind} {d.Column}").ToList());
        Assert.Equal(6, item.Differences);
        var note = item.Listed.Single(d => d.Column == "note");
        Assert.Equal(("''", "NULL"), (note.Source, note.Target));
        var price = item.Listed.Single(d => d.Column == "price");
        Assert.Equal(("0.1", "0.10000000000000002"), (price.Source, price.Target));

        var tag = report.Tables.Single(t => t.Table == "tag");
        Assert.Equal(["('banana') Missing", "('banana ') Extra"], tag.Listed.Select(d => $"{d.Key.Replace("code=", "", StringComparison.Ordinal)} {d.Kind}").ToList());

        // No key: the content is proven different, and no row can be named.
        var log = report.Tables.Single(t => t.Table == "log");
        Assert.Equal(TableStatus.Differs, log.Status);
        Assert.Null(log.Differences);
        Assert.NotEqual(log.SourceChecksum, log.TargetChecksum);

        // Counts alone see only what changed the number of rows: none did here, one row went and one came.
        var counts = await VerifyAsync(target.Target, VerifyLevel.Counts);
        Assert.True(counts.Same);
    }

    [Fact]
    public async Task TablesOnOneSideOnlyAreNamed()
    {
        using var other = await SqliteSource.CreateAsync("""
            CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT, price REAL, made DATETIME, note TEXT, data BLOB, added TEXT);
            CREATE TABLE stranger (id INTEGER PRIMARY KEY);
            """);
        var report = await VerifyAsync(other.Target, VerifyLevel.Checksums);
        Assert.Equal(TableStatus.OnlyInSource, report.Tables.Single(t => t.Table == "tag").Status);
        Assert.Equal(TableStatus.OnlyInTarget, report.Tables.Single(t => t.Table == "stranger").Status);
        var item = report.Tables.Single(t => t.Table == "item");
        Assert.Equal(["column added is only in the target"], item.Schema.Select(s => s.Text));
        Assert.Equal((6L, 0L), (item.SourceRows, item.TargetRows));
        Assert.Equal(TableStatus.Differs, item.Status);
    }

    [Fact]
    public async Task NamesATargetToolFoldedArePairedOnlyWhenAsked()
    {
        using var cased = await SqliteSource.CreateAsync("""
            CREATE TABLE "Item" (id INTEGER PRIMARY KEY, "Name" TEXT);
            INSERT INTO "Item" VALUES (1, 'one'), (2, 'two');
            """);
        await using var target = await ScratchDatabase.ForEngineAsync("postgres");
        await CopyHarness.CopyAsync(cased.Target, target.Target);
        // As pgloader leaves it: every name lower-cased.
        await CopyHarness.ExecuteAsync(target.Target, "ALTER TABLE \"Item\" RENAME COLUMN \"Name\" TO name; ALTER TABLE \"Item\" RENAME TO item");

        var strict = await VerifyAsync(cased.Target, target.Target, new VerifyOptions());
        Assert.Equal([("Item", TableStatus.OnlyInSource), ("item", TableStatus.OnlyInTarget)], strict.Tables.Select(t => (t.Table, t.Status)).ToList());

        var folded = await VerifyAsync(cased.Target, target.Target, new VerifyOptions { IgnoreCaseNames = true });
        Assert.True(folded.Same, string.Join("; ", folded.Tables.Select(t => $"{t.Table} {t.Status} {string.Join(",", t.Schema)}")));
        Assert.Equal((2L, 2L), (folded.Tables.Single().SourceRows, folded.Tables.Single().TargetRows));
    }

    [Fact]
    public async Task AKeyHoldingNullsCostsOnlyTheNamingOfItsRows()
    {
        // drizzle's migrations table: a TEXT primary key SQLite lets hold NULL, twelve times in the sample.
        using var nulls = await SqliteSource.CreateAsync("""
            CREATE TABLE migrations (id TEXT PRIMARY KEY, hash TEXT);
            INSERT INTO migrations VALUES (NULL, 'a'), (NULL, 'b'), (NULL, 'c');
            CREATE TABLE after (id INTEGER PRIMARY KEY, v TEXT);
            INSERT INTO after VALUES (1, 'x'), (2, 'y');
            """);
        using var copy = await SqliteSource.CreateAsync("""
            CREATE TABLE migrations (id TEXT PRIMARY KEY, hash TEXT);
            INSERT INTO migrations VALUES (NULL, 'a'), (NULL, 'b');
            CREATE TABLE after (id INTEGER PRIMARY KEY, v TEXT);
            INSERT INTO after VALUES (1, 'x'), (2, 'z');
            """);
        var report = await VerifyAsync(nulls.Target, copy.Target, new VerifyOptions());
        var migrations = report.Tables.Single(t => t.Table == "migrations");
        Assert.Equal((TableStatus.Differs, 3L, 2L, (long?)null), (migrations.Status, migrations.SourceRows, migrations.TargetRows, migrations.Differences));
        Assert.Equal("the source's primary key of migrations holds (id=NULL) twice (SQLite lets a key hold NULLs), so its rows cannot be named by key", migrations.Note);
        var after = report.Tables.Single(t => t.Table == "after");
        Assert.Equal("(id=2) Changed v 'y' 'z'", Assert.Single(after.Listed) is var d ? $"{d.Key} {d.Kind} {d.Column} {d.Source} {d.Target}" : null);
    }

    /// <summary>
    /// A SQLite TEXT column facing a jsonb column another tool made is compared as JSON: the same document in other
    /// whitespace and key order is equal, a changed value or a text that is no document is named, and the column's
    /// type is no difference of shape.
    /// </summary>
    [Fact]
    public async Task TextAgainstJsonbIsComparedAsJson()
    {
        using var source = await SqliteSource.CreateAsync("""
            CREATE TABLE settings (id INTEGER PRIMARY KEY, doc TEXT);
            INSERT INTO settings VALUES (1, '{"b": 1, "a": [1, 2]}'), (2, '{"x":true}'), (3, 'not json'), (4, '{"k": "v"}'), (5, NULL);
            """);
        await using var target = await ScratchDatabase.PostgresAsync();
        await CopyHarness.ExecuteAsync(target.Target, """
            CREATE TABLE settings (id bigint PRIMARY KEY, doc jsonb);
            INSERT INTO settings VALUES (1, '{"a":[1,2],"b":1}'), (2, '{"x": false}'), (3, '"not json"'), (4, '{"k":"v"}'), (5, NULL);
            """);

        var report = await VerifyAsync(source.Target, target.Target, new VerifyOptions());

        var settings = report.Tables.Single(t => t.Table == "settings");
        Assert.Empty(settings.Schema);
        Assert.Equal(["(id=2) Changed doc '{\"x\":true}' '{\"x\": false}'", "(id=3) Changed doc 'not json' '\"not json\"'"],
            settings.Listed.Select(d => $"{d.Key} {d.Kind} {d.Column} {d.Source} {d.Target}"));
    }

    private Task<VerifyReport> VerifyAsync(ConnectionTarget target, VerifyLevel level) =>
        VerifyAsync(_sqlite.Target, target, new VerifyOptions { Level = level });

    private static Task<VerifyReport> VerifyAsync(ConnectionTarget from, ConnectionTarget to, VerifyOptions options) => VerifyHarness.RunAsync(from, to, options);
}

using Ferry.Copy;
using Ferry.Engines;
using Ferry.Engines.Sqlite;
using Ferry.Schema;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Engines.Sqlite;

/// <summary>A large table is profiled in rowid ranges on several connections; the folded profile must be the one a single scan gives.</summary>
public sealed class ProfileScansTests : IAsyncLifetime
{
    private readonly ScratchDatabase _file = ScratchDatabase.SqliteFile();
    private IDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await _file.OpenAsync();
        // Mixed storage classes spread over the whole rowid range, with gaps, so every range sees different values.
        await _db.ExecuteAsync("""
            CREATE TABLE mixed (id INTEGER PRIMARY KEY, n INTEGER, made DATETIME, flag BOOLEAN, name VARCHAR(8), price DECIMAL(6,2));
            WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM i WHERE x < 5000)
            INSERT INTO mixed SELECT x * 3,
              CASE WHEN x % 97 = 0 THEN 'text' WHEN x % 89 = 0 THEN 1.5 WHEN x % 7 = 0 THEN NULL ELSE x * x - 40000 END,
              CASE WHEN x % 2 = 0 THEN '2024-01-02 03:04:05' WHEN x % 5 = 0 THEN '2024-01-02T03:04:05+09:00' ELSE 1700000000 + x END,
              CASE WHEN x % 3 = 0 THEN 'true' ELSE x % 2 END,
              substr('abcdefghijklmnop', 1, x % 13),
              CASE WHEN x % 11 = 0 THEN 12345.678 ELSE x / 100.0 END
            FROM i;
            CREATE TABLE hidden ("rowid" TEXT, "_rowid_" TEXT, n INTEGER);
            WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM i WHERE x < 3000)
            INSERT INTO hidden SELECT 'r' || x, 'q' || x, CASE WHEN x % 10 = 0 THEN NULL ELSE -x END FROM i;
            CREATE TABLE keyed (k TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID;
            WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM i WHERE x < 2000)
            INSERT INTO keyed SELECT 'k' || x, x FROM i;
            CREATE TABLE pure (id INTEGER PRIMARY KEY, i INTEGER, r REAL, t VARCHAR(5), b INTEGER, none INTEGER, ir INTEGER, tb NUMERIC, it INTEGER);
            WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM i WHERE x < 3000)
            INSERT INTO pure SELECT x,
              CASE WHEN x % 4 = 0 THEN NULL ELSE 1500 - x END, x * 0.5 + 0.25, 'v' || (x % 100), x'00ff', NULL,
              CASE WHEN x = 2999 THEN 2.5 ELSE x END, CASE WHEN x % 2 = 0 THEN 'text' ELSE x'01' END,
              CASE WHEN x = 17 THEN 'x' ELSE x END
            FROM i;
            """, default);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _file.DisposeAsync();
    }

    private async Task<IDatabase> OpenMore(CancellationToken ct)
    {
        Interlocked.Increment(ref _opened);
        return await Databases.OpenAsync(_file.Target, new OpenOptions { Access = AccessMode.ReadOnly }, ct);
    }

    private int _opened;

    [Fact]
    public async Task RangesProfiledAtOnceFoldIntoTheProfileOfOneScan()
    {
        var tables = (await _db.ReadSchemaAsync(default)).Tables;
        var whole = new List<IReadOnlyList<ColumnProfile>>();
        foreach (var table in tables) whole.Add(await SqliteProfiler.ProfileAsync(_db, table, default));

        var split = await SqliteProfiler.ProfileAsync(_db, tables, OpenMore, default, splitRows: 1000);

        Assert.True(_opened >= 1 || Environment.ProcessorCount == 1, "no second connection was opened");
        Assert.Equal(tables.Count, split.Count);
        for (var t = 0; t < tables.Count; t++) Assert.Equal(whole[t], split[t]);
        // The fold is checked against values, not only against itself.
        var n = whole[tables.ToList().FindIndex(t => t.Name == "mixed")].Single(p => p.Column == "n");
        var expected = (await _db.QueryAsync(
            "SELECT count(*), sum(n IS NULL), sum(typeof(n) = 'integer'), sum(typeof(n) = 'real'), sum(typeof(n) = 'text'), min(CASE WHEN typeof(n) = 'integer' THEN n END), max(CASE WHEN typeof(n) = 'integer' THEN n END) FROM mixed", default))[0];
        Assert.Equal(expected, new object?[] { n.Rows, n.Nulls, n.Integers, n.Reals, n.Texts, n.MinInteger, n.MaxInteger });
        Assert.Equal(-39999L, n.MinInteger);
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(1000)]
    public async Task TheQuickPassSettlesColumnsOfOneClassAndTheCensusCountsTheRest(long splitRows)
    {
        var tables = (await _db.ReadSchemaAsync(default)).Tables;
        var pure = tables.Single(t => t.Name == "pure");
        var quick = (await ProfileScans.RunAsync(_db, [SqliteProfiler.For(pure, _db.Dialect)], OpenMore, default, splitRows))[0];
        // Mixed: integers with a real, text with blobs, integers with a text. Every other column holds one class (or only NULLs).
        Assert.Equal(["ir", "tb", "it"], pure.Columns.Where((_, k) => quick[k] is null).Select(c => c.Name));

        var twoPasses = await SqliteProfiler.ProfileAsync(_db, tables, OpenMore, default, splitRows);
        for (var t = 0; t < tables.Count; t++)
        {
            var everyColumn = tables[t].Columns.Select(c => c.Name).ToHashSet();
            var census = (await ProfileScans.RunAsync(_db, [SqliteProfiler.For(tables[t], _db.Dialect, census: everyColumn)], null, default))[0];
            Assert.Equal(census, twoPasses[t]);
        }
        var b = twoPasses[tables.ToList().IndexOf(pure)].Single(p => p.Column == "b");
        Assert.Equal((3000L, 0L, 0L, 3000L), (b.Rows, b.Integers, b.Texts, b.Blobs));
        var i = twoPasses[tables.ToList().IndexOf(pure)].Single(p => p.Column == "i");
        Assert.Equal((750L, 2250L, -1499L, 1499L), (i.Nulls, i.Integers, i.MinInteger, i.MaxInteger));
    }
}

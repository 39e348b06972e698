using System.Globalization;
using Ferry.Connections;
using Ferry.Engines;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>
/// Between engines of SQLite's storage model every value is carried as stored: a hostile SQLite file
/// goes SQLite→SQLite, SQLite→sqld, sqld→SQLite and sqld→sqld, and every cell is compared by storage
/// class and bytes, every real by its bits, every catalog entry by its SQL text.
/// </summary>
public sealed class VerbatimCopyTests
{
    private static readonly string LongName = new('w', 70);

    /// <summary>Everything SQLite lets a database hold that a copy chosen from declared types would change or refuse.</summary>
    private static readonly string Hostile = $"""
        CREATE TABLE mixed (
          id INTEGER PRIMARY KEY,
          anything,
          num NUMERIC,
          at DATETIME DEFAULT 0,
          n integer DEFAULT '"0"',
          flag BOOLEAN,
          name TEXT COLLATE NOCASE,
          price REAL CHECK (price IS NULL OR price > -1e308),
          doubled GENERATED ALWAYS AS (id * 2) VIRTUAL
        );
        INSERT INTO mixed (id, anything, num, at, flag, name, price) VALUES
          (1, 42, 1.2345678901234568E+29, 1700000000, 'yes', 'Ann', 1.5),
          (2, 4.25, 1e-300, '2024-01-02 03:04:05', 2, 'bob', -0.0),
          (3, 'text', 12, '2024-01-02T03:04:05Z', 1, CAST(x'ff' AS TEXT), NULL),
          (4, x'00ff10', NULL, '2024-01-02', 0, CAST(x'610062' AS TEXT), 9e999),
          (5, NULL, 'not a number', NULL, NULL, '', NULL),
          (6, 9223372036854775807, -9223372036854775808, 1.5, 'true', CAST(x'61ff62' AS TEXT), 5e-324),
          (7, -9223372036854775808, 2.5, x'01', x'', 'é', NULL),
          (8, -0.0, NULL, NULL, NULL, NULL, NULL),
          (9, 9e999, NULL, NULL, NULL, NULL, NULL),
          (10, -9e999, NULL, NULL, NULL, NULL, NULL),
          (11, 5e-324, NULL, NULL, NULL, NULL, NULL),
          (12, '', NULL, NULL, NULL, NULL, NULL),
          (13, x'', NULL, NULL, NULL, NULL, NULL),
          (14, CAST(x'ff' AS TEXT), NULL, NULL, NULL, NULL, NULL),
          (15, CAST(x'00' AS TEXT), NULL, NULL, NULL, NULL, NULL);
        INSERT INTO mixed (id, n) VALUES (16, 'forty'), (17, 1.25);
        CREATE INDEX mixed_name ON mixed (name COLLATE NOCASE) WHERE name IS NOT NULL;
        CREATE TABLE "order" ("select" TEXT NOT NULL PRIMARY KEY, "group" ANY, "{LongName}" BLOB) WITHOUT ROWID;
        INSERT INTO "order" VALUES ('b', 1, x'00'), ('a', 'x', NULL), (CAST(x'c0' AS TEXT), 2.0, CAST(x'c0' AS TEXT));
        CREATE VIEW "view of order" AS SELECT "select", typeof("group") AS kind FROM "order";
        CREATE TRIGGER mixed_touch AFTER UPDATE ON mixed BEGIN UPDATE "order" SET "group" = NEW.id WHERE "select" = 'a'; END;
        """;

    public static TheoryData<string, string> Pairs() => new()
    {
        { "sqlite", "sqlite" }, { "sqlite", "sqld" }, { "sqld", "sqlite" }, { "sqld", "sqld" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task EveryValueArrivesAsStored(string from, string to)
    {
        await using var seed = ScratchDatabase.SqliteFile();
        await CopyHarness.ExecuteAsync(seed.Target, Hostile);
        await using var middle = from == "sqld" ? await ScratchDatabase.SqldAsync() : null;
        if (middle is not null) AssertClean(await CopyHarness.CopyAsync(seed.Target, middle.Target));
        await using var target = await ScratchDatabase.ForEngineAsync(to);

        AssertClean(await CopyHarness.CopyAsync((middle ?? seed).Target, target.Target));

        Assert.Equal(await CatalogAsync(seed.Target), await CatalogAsync(target.Target));
        foreach (var table in new[] { "mixed", "order" })
        {
            var expected = await CellsAsync(seed.Target, table);
            Assert.Equal(expected.Count, table == "mixed" ? 17 : 3);
            Assert.Equal(expected, await CellsAsync(target.Target, table));
        }
    }

    /// <summary>The same database through ferry dump and ferry restore: the archive keeps every value as stored, and the catalog's texts.</summary>
    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task EveryValueRestoresAsStoredFromAnArchive(string from, string to)
    {
        await using var seed = ScratchDatabase.SqliteFile();
        await CopyHarness.ExecuteAsync(seed.Target, Hostile);
        await using var middle = from == "sqld" ? await ScratchDatabase.SqldAsync() : null;
        if (middle is not null) AssertClean(await CopyHarness.CopyAsync(seed.Target, middle.Target));
        await using var target = await ScratchDatabase.ForEngineAsync(to);
        var archive = Path.Combine(Path.GetDirectoryName(seed.Target.FilePath)!, "backup.ferry");

        var dumped = await Dump.DumpHarness.DumpAsync((middle ?? seed).Target, archive);
        AssertClean(await Dump.DumpHarness.RestoreAsync(archive, target.Target));

        Assert.Equal([("mixed", 17L), ("order", 3L)], dumped.Tables.Select(t => (t.Name, t.Rows)).OrderBy(t => t.Name, StringComparer.Ordinal));
        Assert.Equal(await CatalogAsync(seed.Target), await CatalogAsync(target.Target));
        foreach (var table in new[] { "mixed", "order" })
            Assert.Equal(await CellsAsync(seed.Target, table), await CellsAsync(target.Target, table));
    }

    /// <summary>Nothing refused, nothing warned: <c>ferry copy</c> would exit 0 and say nothing changed.</summary>
    private static void AssertClean(Ferry.Copy.CopyReport report)
    {
        Assert.Empty(report.Problems);
        Assert.Empty(report.Warnings);
    }

    private static async Task<List<string>> CatalogAsync(ConnectionTarget at) =>
        (await CopyHarness.RowsAsync(at, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name"))
        .Select(r => string.Join(" | ", r.Select(v => v?.ToString() ?? "NULL"))).ToList();

    /// <summary>
    /// Each cell as "class:hex", and a finite real also by its bits (SQLite prints reals to 15 digits
    /// and -0.0 as 0.0), read through the library's own query; rows in an order fixed by their contents.
    /// </summary>
    private static async Task<List<string>> CellsAsync(ConnectionTarget at, string table)
    {
        var q = AnsiDialect.Instance;
        var columns = (await CopyHarness.RowsAsync(at, $"SELECT name FROM pragma_table_xinfo({q.QuoteLiteral(table)}) ORDER BY cid")).Select(r => q.Quote((string)r[0]!)).ToList();
        var cells = columns.SelectMany(c => new[]
        {
            $"typeof({c}) || ':' || hex({c})",
            $"CASE WHEN typeof({c}) = 'real' AND abs({c}) <= 1.7976931348623157e308 THEN {c} END",
        });
        var rows = await CopyHarness.RowsAsync(at, $"SELECT {string.Join(", ", cells)} FROM {q.Quote(table)} ORDER BY {string.Join(", ", columns.Select(c => $"typeof({c}), hex({c})"))}");
        return rows.Select(r => string.Join(" ", r.Select(v => v switch
        {
            null => "",
            double d => "bits:" + BitConverter.DoubleToInt64Bits(d).ToString("X16", CultureInfo.InvariantCulture),
            _ => (string)v,
        }))).ToList();
    }
}

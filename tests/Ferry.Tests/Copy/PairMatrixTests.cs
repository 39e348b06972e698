using System.Globalization;
using Ferry.Connections;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>
/// Every pair of engines, same engine on both sides included: one seed is copied into the source
/// engine, from there into the target engine, and what arrives is compared with the seed value by value.
/// </summary>
public sealed class PairMatrixTests
{
    private const string Seed = """
        CREATE TABLE t (id INTEGER PRIMARY KEY, label TEXT NOT NULL, maybe TEXT, big INTEGER, r REAL, raw BLOB, flag BOOLEAN, at DATETIME);
        CREATE TABLE child (id INTEGER PRIMARY KEY, t_id INTEGER REFERENCES t(id) ON DELETE CASCADE, note TEXT);
        INSERT INTO t VALUES
          (1, '한국어 텍스트 🎉', NULL, 9223372036854775807, 1.5, X'00FF10', 1, '2024-01-02 03:04:05'),
          (2, '', '', -9223372036854775808, -22500000000.25, NULL, 0, NULL),
          (3, 'it''s "q" `b` \ back' || char(9) || 'tab' || char(10) || 'line', 'x', 0, 0.1, X'', NULL, '1999-12-31 23:59:59');
        INSERT INTO child VALUES (10, 1, 'one'), (11, 3, NULL);
        """;

    public static TheoryData<string, string> Pairs()
    {
        var engines = new[] { "sqlite", "sqld", "postgres", "mysql" };
        var pairs = new TheoryData<string, string>();
        foreach (var from in engines) foreach (var to in engines) pairs.Add(from, to);
        return pairs;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task EveryValueArrives(string from, string to)
    {
        await using var seed = ScratchDatabase.SqliteFile();
        await CopyHarness.ExecuteAsync(seed.Target, Seed);
        await using var source = await Scratch(from);
        await using var target = await Scratch(to);

        var first = await CopyHarness.CopyAsync(seed.Target, source.Target);
        Assert.Empty(first.Problems);
        var report = await CopyHarness.CopyAsync(source.Target, target.Target);
        Assert.Empty(report.Problems);
        Assert.Equal(5L, report.Written);

        foreach (var table in new[] { "t", "child" })
        {
            var quote = to == "mysql" ? '`' : '"';
            var sql = $"SELECT * FROM {quote}{table}{quote} ORDER BY id";
            var expected = (await CopyHarness.RowsAsync(seed.Target, sql)).Select(r => r.Select(Normalize).ToList()).ToList();
            var actual = (await CopyHarness.RowsAsync(target.Target, sql)).Select(r => r.Select(Normalize).ToList()).ToList();
            Assert.Equal(expected, actual);
        }
        // The foreign key arrived too: deleting a parent cascades.
        await CopyHarness.ExecuteAsync(target.Target, to is "sqlite" or "sqld" ? "PRAGMA foreign_keys = ON; DELETE FROM t WHERE id = 3" : "DELETE FROM t WHERE id = 3");
        if (to is not ("sqlite" or "sqld"))
            Assert.Equal(1L, Convert.ToInt64((await CopyHarness.RowsAsync(target.Target, "SELECT count(*) FROM child"))[0][0], CultureInfo.InvariantCulture));
    }

    private static Task<ScratchDatabase> Scratch(string engine) => ScratchDatabase.ForEngineAsync(engine);

    /// <summary>The form every engine's value is compared in: SQLite's storage classes, times as text.</summary>
    private static object? Normalize(object? value) => value switch
    {
        bool b => b ? 1L : 0L,
        int i => (long)i,
        decimal m => (double)m,
        byte[] bytes => Convert.ToHexString(bytes),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        _ => value,
    };
}

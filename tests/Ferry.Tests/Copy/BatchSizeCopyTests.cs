using Ferry.Copy;
using Ferry.Errors;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>--batch-size: rows per request where an engine sends a table in parts, and every row still arrives once.</summary>
public sealed class BatchSizeCopyTests : IAsyncLifetime
{
    private ScratchDatabase _source = null!;

    public async Task InitializeAsync()
    {
        _source = ScratchDatabase.SqliteFile();
        // Small rows, and a few of 300 KB so batches also end at their byte limit.
        await CopyHarness.ExecuteAsync(_source.Target, """
            CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL, b BLOB);
            WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM i WHERE x < 2500)
            INSERT INTO t SELECT x, '행 ' || x, CASE WHEN x % 100 = 0 THEN randomblob(300000) WHEN x % 3 = 0 THEN NULL ELSE randomblob(x % 50) END FROM i;
            """);
    }

    public async Task DisposeAsync() => await _source.DisposeAsync();

    [Theory]
    [InlineData("sqld", 7)]
    [InlineData("mysql", 7)]
    [InlineData("postgres", 7)]
    [InlineData("sqlite", 1)]
    public async Task EveryRowArrivesOnceWhateverTheBatchSize(string engine, int batchSize)
    {
        await using var target = await ScratchDatabase.ForEngineAsync(engine);
        var report = await CopyHarness.CopyAsync(_source.Target, target.Target, new CopyOptions { BatchSize = batchSize });

        Assert.Empty(report.Problems);
        Assert.Equal(2500, report.Tables.Single().Written);
        var expected = await CopyHarness.RowsAsync(_source.Target, "SELECT id, v, b FROM t ORDER BY id");
        var actual = await CopyHarness.RowsAsync(target.Target, "SELECT id, v, b FROM t ORDER BY id");
        Assert.Equal(expected, actual);
    }

    /// <summary>
    /// libSQL commits each batch on its own, which makes the batch size visible: a row the target refuses
    /// leaves the batches before it in place (emptied again on --resume), and the message says so.
    /// </summary>
    [Fact]
    public async Task IntoLibsqlEachBatchCommitsOnItsOwn()
    {
        await using var target = await ScratchDatabase.SqldAsync();
        await CopyHarness.ExecuteAsync(target.Target, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL CHECK (v <> '행 20'), b BLOB)");

        var failure = await Assert.ThrowsAnyAsync<FerryException>(() =>
            CopyHarness.CopyAsync(_source.Target, target.Target, new CopyOptions { BatchSize = 7, DataOnly = true }));

        Assert.Contains("Batches of t already sent are kept", failure.Message, StringComparison.Ordinal);
        // Rows 1-14 went in two batches of 7; the batch holding row 20 was refused whole.
        Assert.Equal(14L, (await CopyHarness.RowsAsync(target.Target, "SELECT count(*) FROM t"))[0][0]);
    }
}

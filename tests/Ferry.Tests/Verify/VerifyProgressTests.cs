using Ferry.Copy;
using Ferry.Tests.Copy;
using Ferry.Tests.Support;
using Ferry.Verify;
using Xunit;

namespace Ferry.Tests.Verify;

/// <summary>Verify tells its front end rows compared per table in the copy's own events, so the copy's progress bars show it.</summary>
public sealed class VerifyProgressTests
{
    [Fact]
    public async Task RowsComparedAreToldPerTableAsACopyTellsRowsCopied()
    {
        using var source = await SqliteSource.CreateAsync("""
            CREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25000) INSERT INTO big SELECT i, 'row ' || i FROM n;
            CREATE TABLE small (id INTEGER PRIMARY KEY);
            INSERT INTO small VALUES (1), (2);
            """);
        await using var target = await ScratchDatabase.PostgresAsync();
        await CopyHarness.CopyAsync(source.Target, target.Target);

        var events = new Events();
        var report = await VerifyHarness.RunAsync(source.Target, target.Target, new VerifyOptions { Level = VerifyLevel.Checksums }, events);

        Assert.True(report.Same);
        Assert.Equal(
            ["started big", "big: 10000", "big: 20000", "done big: 25000", "started small", "done small: 2"],
            events.Seen.Select(e => e switch
            {
                CopyEvent.TableStarted s => $"started {s.Table}",
                CopyEvent.Rows r => $"{r.Table}: {r.Read}",
                CopyEvent.TableDone d => $"done {d.Report.Table}: {d.Report.Read}",
                _ => e.ToString(),
            }).ToList());
    }

    /// <summary>Every event in the order told; Progress&lt;T&gt; would post them to a thread pool, out of order.</summary>
    private sealed class Events : IProgress<CopyEvent>
    {
        public List<CopyEvent> Seen { get; } = [];

        public void Report(CopyEvent value)
        {
            lock (Seen) Seen.Add(value);
        }
    }
}

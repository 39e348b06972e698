using Ferry.Connections;
using Ferry.Copy;
using Ferry.Dump;
using Ferry.Engines;
using Ferry.Tests.Copy;
using Ferry.Tests.Support;
using Ferry.Values;
using Ferry.Verify;
using Xunit;

namespace Ferry.Tests.Dump;

/// <summary>Runs <c>ferry dump</c> and <c>ferry restore</c> as the commands do, on real databases and real files.</summary>
public static class DumpHarness
{
    public static async Task<DumpReport> DumpAsync(ConnectionTarget from, string path, DumpOptions? options = null)
    {
        await using var source = await Databases.OpenAsync(from, new OpenOptions { Access = AccessMode.ReadOnly }, default);
        return await new DumpRunner(source, (options ?? new DumpOptions { Output = path }) with { Output = path }).RunAsync(default);
    }

    /// <summary>A restore: a copy from the archive, each extra job opening the file again.</summary>
    public static async Task<CopyReport> RestoreAsync(string path, ConnectionTarget to, CopyOptions? options = null)
    {
        options ??= new CopyOptions();
        options = options.JournalPath is null ? options with { JournalPath = Path.Combine(Path.GetTempPath(), "ferry-journals", CopyJournal.DefaultPath("archive:" + path, to.Redacted)) } : options;
        await using var source = ArchiveDatabase.Open(path);
        ArchiveRestore.Check(source, to.Engine);
        await using var target = await Databases.OpenAsync(to, new OpenOptions { Access = AccessMode.ReadWrite }, default);
        Func<CancellationToken, Task<IDatabase>> openSource = _ => Task.FromResult<IDatabase>(ArchiveDatabase.Open(path));
        var plan = await CopyPlanner.PlanAsync(source, to.Engine, options, default, openSource);
        Func<CancellationToken, Task<IDatabase>>? openTarget = to.InMemory ? null : ct => Databases.OpenAsync(to, new OpenOptions { Access = AccessMode.ReadWrite }, ct);
        return await new CopyRunner(source, target, options, openSource: openSource, openTarget: openTarget).RunAsync(plan, default);
    }

    /// <summary>Every table's rows as the source's reader hands them to a dump, and as the archive hands them back.</summary>
    public static async Task<List<(string Table, List<object?[]> Live, List<object?[]> Archived)>> BothReadingsAsync(ConnectionTarget from, string path)
    {
        await using var source = await Databases.OpenAsync(from, new OpenOptions { Access = AccessMode.ReadOnly }, default);
        await using var archive = ArchiveDatabase.Open(path);
        var read = new RowReadOptions { Verbatim = true };
        var result = new List<(string, List<object?[]>, List<object?[]>)>();
        foreach (var table in (await archive.ReadSchemaAsync(default)).Tables.Select(ArchiveRows.Kept))
        {
            // Rows kept in the engine's own bulk format are compared by ferry verify after the restore.
            if (archive.Manifest.Tables.Single(t => t.Name == table.Name && t.Schema == table.Schema).Format != ArchivedTable.Values) continue;
            var live = new List<object?[]>();
            await foreach (var row in source.ReadRowsAsync(table, read, default)) live.Add(row);
            var archived = new List<object?[]>();
            await foreach (var row in archive.ReadRowsAsync(table, default)) archived.Add(row);
            result.Add((table.QualifiedName, live, archived));
        }
        return result;
    }

    /// <summary>
    /// Dumps <paramref name="source"/>, checks that the archive hands back every value as the source's reader handed it
    /// over (the same type, the same bits), restores it into a new database of the same engine and has ferry verify
    /// compare that with the source: schema and content. Returns how many values were compared one by one (rows kept
    /// as values), and how many rows verify found the same.
    /// </summary>
    public static async Task<(int Values, long Rows)> RestoresAsTheSameAsync(ConnectionTarget source, string engine, string folder)
    {
        var path = Path.Combine(folder, $"{engine}-{Guid.NewGuid():N}.ferry");
        var dumped = await DumpAsync(source, path);
        var compared = 0;
        foreach (var (table, live, archived) in await BothReadingsAsync(source, path))
        {
            Assert.Equal(dumped.Tables.Single(t => t.QualifiedName == table).Rows, archived.Count);
            Assert.Equal(live.Count, archived.Count);
            for (var r = 0; r < live.Count; r++)
                for (var c = 0; c < live[r].Length; c++, compared++)
                    Assert.True(Same(live[r][c], archived[r][c]), $"{table} row {r + 1} column {c + 1}: read {Show(live[r][c])}, the archive gives {Show(archived[r][c])}");
        }

        await using var restored = await ScratchDatabase.ForEngineAsync(engine);
        var report = await RestoreAsync(path, restored.Target);
        Assert.Empty(report.Problems);
        await using var from = await Databases.OpenAsync(source, new OpenOptions { Access = AccessMode.ReadOnly }, default);
        await using var to = await Databases.OpenAsync(restored.Target, new OpenOptions { Access = AccessMode.ReadOnly }, default);
        var verdict = await new VerifyRunner(from, to, new VerifyOptions { MaxDiffs = 5 }).RunAsync(default);
        Assert.True(verdict.SameContent, string.Join("; ", verdict.Tables.Where(t => t.Status != TableStatus.Same || t.Schema.Count > 0)
            .Select(t => $"{t.Table} {t.Status} {string.Join(", ", t.Schema.Select(s => s.Text))} {string.Join(", ", t.Listed.Select(d => $"{d.Key} {d.Column}"))}")));
        return (compared, verdict.Tables.Sum(t => t.TargetRows ?? 0));
    }

    /// <summary>The same value of the same CLR type: doubles and decimals bit for bit (-0.0, a NaN, 5.00), arrays by content.</summary>
    public static bool Same(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        _ when a.GetType() != b.GetType() => false,
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
        (decimal x, decimal y) => decimal.GetBits(x).SequenceEqual(decimal.GetBits(y)),
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (InvalidText x, InvalidText y) => x.Bytes.AsSpan().SequenceEqual(y.Bytes),
        (DateTime x, DateTime y) => x.Ticks == y.Ticks && x.Kind == y.Kind,
        (DateTimeOffset x, DateTimeOffset y) => x.Ticks == y.Ticks && x.Offset == y.Offset,
        _ => a.Equals(b),
    };

    private static string Show(object? value) => value is null ? "NULL" : $"{value} ({value.GetType().Name})";
}

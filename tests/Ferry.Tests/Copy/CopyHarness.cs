using Ferry.Connections;
using Ferry.Copy;
using Ferry.Engines;

namespace Ferry.Tests.Copy;

/// <summary>Runs a real copy the way <c>ferry copy</c> does, and reads tables back for value-by-value comparison.</summary>
public static class CopyHarness
{
    public static async Task<CopyReport> CopyAsync(ConnectionTarget from, ConnectionTarget to, CopyOptions? options = null)
    {
        options ??= new CopyOptions();
        // Each copy keeps its journal in the temporary folder, not in the test run's working directory.
        options = options.JournalPath is null ? options with { JournalPath = Path.Combine(Path.GetTempPath(), "ferry-journals", CopyJournal.DefaultPath(from.Redacted, to.Redacted)) } : options;
        await using var source = await Databases.OpenAsync(from, new OpenOptions { Access = AccessMode.ReadOnly }, default);
        await using var target = await Databases.OpenAsync(to, new OpenOptions { Access = AccessMode.ReadWrite }, default);
        Func<CancellationToken, Task<IDatabase>>? openSource = from.InMemory ? null : ct => Databases.OpenAsync(from, new OpenOptions { Access = AccessMode.ReadOnly }, ct);
        var plan = await CopyPlanner.PlanAsync(source, to.Engine, options, default, openSource);
        Func<CancellationToken, Task<IDatabase>>? openTarget = to.InMemory ? null : ct => Databases.OpenAsync(to, new OpenOptions { Access = AccessMode.ReadWrite }, ct);
        return await new CopyRunner(source, target, options, openSource: openSource, openTarget: openTarget).RunAsync(plan, default);
    }

    /// <summary>
    /// A whole copy, then its journal set back to where a kill would have left it had every table's keys,
    /// checks, indexes, views and triggers gone in before the journal said so (each table Loaded), then
    /// <c>--resume</c>, which must leave out what is there. Returns the resumed copy's report.
    /// </summary>
    public static async Task<CopyReport> ResumeAfterKillBeforeConstrainedAsync(ConnectionTarget from, ConnectionTarget to, string journalPath)
    {
        var first = await CopyAsync(from, to, new CopyOptions { JournalPath = journalPath });
        var journal = CopyJournal.Start(journalPath, from.Redacted, to.Redacted);
        foreach (var table in first.Tables) journal.Set(table.Table, TablePhase.Loaded, table.Written);
        return await CopyAsync(from, to, new CopyOptions { JournalPath = journalPath, Resume = true });
    }

    /// <summary>The plan a copy from <paramref name="from"/> into a database of <paramref name="to"/> would run.</summary>
    public static async Task<CopyPlan> PlanAsync(ConnectionTarget from, EngineKind to, CopyOptions? options = null)
    {
        await using var source = await Databases.OpenAsync(from, new OpenOptions { Access = AccessMode.ReadOnly }, default);
        return await CopyPlanner.PlanAsync(source, to, options ?? new CopyOptions(), default);
    }

    public static async Task<IReadOnlyList<object?[]>> RowsAsync(ConnectionTarget at, string sql)
    {
        await using var db = await Databases.OpenAsync(at, new OpenOptions { Access = AccessMode.ReadOnly }, default);
        return await db.QueryAsync(sql, default);
    }

    public static async Task ExecuteAsync(ConnectionTarget at, string sql)
    {
        await using var db = await Databases.OpenAsync(at, new OpenOptions { Access = AccessMode.ReadWrite }, default);
        await db.ExecuteAsync(sql, default);
    }
}

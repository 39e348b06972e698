using System.Diagnostics;
using Ferry.Connections;
using Ferry.Engines;

namespace Ferry.Copy;

/// <summary>
/// Carries out a <see cref="CopyPlan"/>: tables, then rows in bulk, then keys, indexes, foreign keys,
/// identities and statistics — and counts the target afterwards. The source is only read.
/// </summary>
public sealed partial class CopyRunner(IDatabase source, IDatabase target, CopyOptions options, IProgress<CopyEvent>? progress = null,
    Func<CancellationToken, Task<(IDatabase Source, IDatabase Target)>>? openMore = null)
{
    // Often enough for a smooth bar, rarely enough to cost nothing measurable.
    private const int ProgressEvery = 10_000;
    private readonly IDdlWriter _ddl = DdlWriters.For(target.Target.Engine);
    private readonly List<string> _warnings = [];
    private readonly List<string> _problems = [];

    public async Task<CopyReport> RunAsync(CopyPlan plan, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        _warnings.AddRange(plan.Warnings);
        var journal = OpenJournal();
        var (existing, present) = await PrepareTargetAsync(plan, journal, ct).ConfigureAwait(false);

        foreach (var table in plan.Tables.Where(t => journal.PhaseOf(t.Target.Name) <= TablePhase.Created))
        {
            var name = table.Target.Name;
            // Journal first: killed between the two, a resume finds the table marked and creates it if it is missing.
            // A table this copy created, or found empty, or emptied, is this copy's to redo; one it appends to is not.
            if (journal.PhaseOf(name) == TablePhase.Pending)
                journal.Set(name, TablePhase.Created, owned: options.IfExists != IfExists.Append || !existing.Contains(name));
            if (!options.DataOnly && !existing.Contains(name) && !present.Contains(name)) await CreateAsync(table.Target, ct).ConfigureAwait(false);
        }

        var reports = new List<TableReport>();
        if (!options.SchemaOnly)
        {
            using var rejects = options.RejectsFile is null ? null : new Rejects(options.RejectsFile);
            reports = await LoadAllAsync(plan, journal, rejects, ct).ConfigureAwait(false);
        }

        if (!options.DataOnly)
        {
            progress?.Report(new CopyEvent.Step("Adding keys, indexes and foreign keys"));
            var pending = plan.Tables.Where(t => !existing.Contains(t.Target.Name) && journal.PhaseOf(t.Target.Name) < TablePhase.Constrained).Select(t => t.Target).ToList();
            // Every table's keys before any foreign key: a foreign key needs the key it references.
            foreach (var table in pending) await AddKeysAsync(table, ct).ConfigureAwait(false);
            foreach (var table in pending)
            {
                await AddIndexesAndForeignKeysAsync(table, ct).ConfigureAwait(false);
                journal.Set(table.Name, TablePhase.Constrained, journal.Tables[table.Name].Written);
            }
            // SQLite stores whole CREATE VIEW and CREATE TRIGGER statements: within its dialect they are taken as written.
            foreach (var view in plan.Views.Where(v => _before?.Has(v) != true)) await TryAsync(view.Definition, $"the view {view.Name} could not be created", ct).ConfigureAwait(false);
            foreach (var trigger in plan.Triggers.Where(t => _before?.Has(t) != true)) await TryAsync(trigger.Definition, $"the trigger {trigger.Name} could not be created", ct).ConfigureAwait(false);
        }
        foreach (var table in plan.Tables)
            await ResetIdentitiesAsync(table, plan.SourceSequences.GetValueOrDefault(table.Source.Name), ct).ConfigureAwait(false);
        // sqld refuses ANALYZE over HTTP ("unsupported statement"); its planner does without statistics.
        if (target.Target.Engine != EngineKind.Libsql)
            foreach (var table in plan.Tables)
                await target.ExecuteAsync(_ddl.Analyze(table.Target), ct).ConfigureAwait(false);

        reports = await CountTargetAsync(plan, reports, ct).ConfigureAwait(false);
        journal.Finish();
        journal.Delete();
        return new CopyReport { Tables = reports, Warnings = _warnings, Problems = _problems, Elapsed = clock.Elapsed };
    }
}

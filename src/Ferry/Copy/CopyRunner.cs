using System.Diagnostics;
using Ferry.Ddl;
using Ferry.Engines;

namespace Ferry.Copy;

/// <summary>
/// Carries out a <see cref="CopyPlan"/>: its CREATE TABLE steps, the rows in bulk, then the steps after
/// the load (keys, indexes, foreign keys, views, triggers, identities, statistics) — and counts the
/// target afterwards. The source is only read. A step the target refuses costs its object, not the copy.
/// </summary>
/// <param name="openSource">Opens another connection to the source, for <c>--jobs</c>; null for one.</param>
/// <param name="openTarget">Opens another connection to the target, for <c>--jobs</c> and for the steps after the load built side by side; null for one.</param>
public sealed partial class CopyRunner(IDatabase source, IDatabase target, CopyOptions options, IProgress<CopyEvent>? progress = null,
    Func<CancellationToken, Task<IDatabase>>? openSource = null, Func<CancellationToken, Task<IDatabase>>? openTarget = null)
{
    // Often enough for a smooth bar, rarely enough to cost nothing measurable.
    private const int ProgressEvery = CopyEvent.RowsEvery;
    private readonly IDdlWriter _ddl = DdlWriters.For(target.Target.Engine);
    private readonly List<string> _warnings = [];
    private readonly List<string> _problems = [];
    private readonly UndoLog _undo = new();

    // For the nested step run, which cannot see the constructor's parameters.
    private CopyOptions Options => options;
    private IDatabase TargetDatabase => target;
    private IProgress<CopyEvent>? Progress => progress;

    /// <param name="targetShape">
    /// The target's schema as the caller has just read it without counts (a sync, which reads it to tell new tables
    /// from existing ones), for an incremental copy: not read a second time.
    /// </param>
    public async Task<CopyReport> RunAsync(CopyPlan plan, CancellationToken ct, Schema.DatabaseSchema? targetShape = null)
    {
        var clock = Stopwatch.StartNew();
        _warnings.AddRange(plan.Warnings);
        var before = options.Incremental && options.IfExists == IfExists.Append
            ? targetShape ?? await target.ReadShapeAsync(ct).ConfigureAwait(false)
            : await target.ReadSchemaWithoutSizesAsync(ct).ConfigureAwait(false);
        var journal = OpenJournal(before);
        var (existing, present) = await PrepareTargetAsync(plan, journal, before, ct).ConfigureAwait(false);
        var steps = new StepRun(this, plan, journal, existing, before.Schemas.ToHashSet(StringComparer.Ordinal));

        await steps.CreateSchemasAndTypesAsync(ct).ConfigureAwait(false);
        await steps.CreateTablesAsync(present, ct).ConfigureAwait(false);

        var reports = new List<TableReport>();
        if (!options.SchemaOnly)
        {
            using var rejects = options.RejectsFile is null ? null : new Rejects(options.RejectsFile);
            try
            {
                reports = await LoadAllAsync(plan, journal, rejects, steps.NotCreated, ct).ConfigureAwait(false);
            }
            catch (CopyRefusedException refused)
            {
                throw await UndoAsync(refused, journal, ct).ConfigureAwait(false);
            }
        }

        await using (var lanes = new TargetLanes(target, _ddl.BuildsSideBySide ? openTarget : null, TargetLanes.Width(options.Jobs)))
        {
            await steps.FinishAsync(lanes, ct).ConfigureAwait(false);
            reports = await CountTargetAsync(plan, reports, steps.NotCreated, lanes, ct).ConfigureAwait(false);
        }
        journal.Finish();
        journal.Delete();
        return new CopyReport { Tables = reports, Steps = steps.Outcomes, Warnings = _warnings, Problems = _problems, Elapsed = clock.Elapsed };
    }
}

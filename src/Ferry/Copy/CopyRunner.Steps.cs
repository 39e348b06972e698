using System.Globalization;
using Ferry.Ddl;
using Ferry.Engines;
using Ferry.Errors;
using Ferry.Schema;

namespace Ferry.Copy;

/// <summary>The plan's DDL steps run against the target: each one's outcome kept, each refusal costing what its policy says.</summary>
public sealed partial class CopyRunner
{
    /// <summary>
    /// One run through a plan's steps. It remembers the tables the target refused to create, so their rows
    /// are not loaded and the steps that need them are skipped, and it tells what a resumed copy already made
    /// by looking at the target, never by the wording of an error.
    /// </summary>
    /// <param name="schemasBefore">The target's schemas before this run: one it makes besides these is its own to drop when undoing.</param>
    private sealed class StepRun(CopyRunner runner, CopyPlan plan, CopyJournal journal, HashSet<string> existing, HashSet<string> schemasBefore)
    {
        private readonly List<StepOutcome> _outcomes = [];

        public IReadOnlyList<StepOutcome> Outcomes => _outcomes;

        /// <summary>Tables the target refused to create: their rows are not copied.</summary>
        public HashSet<string> NotCreated { get; } = new(StringComparer.Ordinal);

        /// <summary>Functions and views the target refused: the views and triggers that read or call them are skipped, not sent.</summary>
        private readonly HashSet<string> _objectsNotCreated = new(StringComparer.Ordinal);

        private CopyOptions Options => runner.Options;

        /// <summary>
        /// The schemas objects are kept in, the extensions, the types the tables are declared with, then the functions
        /// their defaults may call. A type already there (made by an interrupted copy, or left by a dropped table's
        /// copy) is kept: the load then checks every value against it, and a label or value it does not take fails the
        /// load by name. A function an interrupted copy made is told by its text, as after the load.
        /// </summary>
        public async Task CreateSchemasAndTypesAsync(CancellationToken ct)
        {
            if (Options.DataOnly) return;
            foreach (var step in plan.Steps.Where(s => s.Kind is StepKind.CreateSchema or StepKind.CreateExtension or StepKind.CreateType or StepKind.CreateSequence || s.BeforeTables))
            {
                if (AlreadyThere(step)) _outcomes.Add(new StepOutcome(step, StepStatus.AlreadyThere));
                else if (await RunAsync(step, ct).ConfigureAwait(false) == StepStatus.Done && step.Subject is string schema && !schemasBefore.Contains(schema))
                    runner._undo.CreatedSchema(schema);
            }
        }

        /// <summary>Where statements go: the target, or during the table creations the one transaction that holds them.</summary>
        private Func<string, CancellationToken, Task> _execute = runner.TargetDatabase.ExecuteAsync;

        /// <summary>
        /// The CREATE TABLE steps, in one transaction where the target has transactional DDL (PostgreSQL,
        /// SQLite): a copy killed while creating leaves no table behind, and a refused one costs only itself.
        /// </summary>
        public async Task CreateTablesAsync(HashSet<string> present, CancellationToken ct)
        {
            var creates = plan.Steps.Where(s => s.Kind == StepKind.CreateTable).ToList();
            await using var session = Options.DataOnly || creates.Count == 0 ? null : await DdlSession.BeginAsync(runner.TargetDatabase, ct).ConfigureAwait(false);
            if (session is not null) _execute = session.ExecuteAsync;
            try
            {
                await CreateAsync(creates, present, ct).ConfigureAwait(false);
                if (session is not null) await session.CommitAsync(ct).ConfigureAwait(false);
            }
            finally
            {
                _execute = runner.TargetDatabase.ExecuteAsync;
            }
        }

        private async Task CreateAsync(List<DdlStep> creates, HashSet<string> present, CancellationToken ct)
        {
            foreach (var step in creates)
            {
                var name = step.Table;
                var phase = journal.PhaseOf(name);
                // Journal first: killed between the two, a resume finds the table marked and creates it if it is missing.
                // A table this copy created, or found empty, or emptied, is this copy's to redo; one it appends to is not.
                if (phase == TablePhase.Pending)
                    journal.Set(name, TablePhase.Created, owned: Options.IfExists != IfExists.Append || !existing.Contains(name));
                if (existing.Contains(name) || present.Contains(name) || phase > TablePhase.Created)
                {
                    _outcomes.Add(new StepOutcome(step, StepStatus.AlreadyThere));
                    continue;
                }
                if (Options.DataOnly) continue;
                runner.Progress?.Report(new CopyEvent.Step($"Creating {name}"));
                var run = WithoutKeysToMissingTables(step);
                if (await RunAsync(run, ct).ConfigureAwait(false) is StepStatus.Done or StepStatus.FellBack) runner._undo.Created((Table)run.Subject!);
            }
        }

        /// <summary>
        /// Where foreign keys live in CREATE TABLE (SQLite), one to a table the target refused would make every
        /// insert fail ("foreign key mismatch"): the table is created without it, and the loss is a problem.
        /// </summary>
        private DdlStep WithoutKeysToMissingTables(DdlStep step)
        {
            if (!step.Needs.Any(NotCreated.Contains)) return step;
            var table = (Table)step.Subject!;
            var lost = table.ForeignKeys.Where(f => NotCreated.Contains(f.ReferencedTable)).ToList();
            foreach (var fk in lost)
                lock (runner._problems) runner._problems.Add($"The foreign key {DdlPlanner.ForeignKeyText(table, fk)} was left out: {fk.ReferencedTable} could not be created.");
            // Rebuilt from the model: the source's own CREATE text (SQLite to SQLite) still names the lost keys.
            var without = table with { ForeignKeys = table.ForeignKeys.Except(lost).ToList(), Definition = null };
            return step with { Sql = runner._ddl.CreateTable(without), Subject = without, Fallback = step.Fallback is null ? null : step.Fallback with { Sql = runner._ddl.CreateTable(without with { Checks = [] }) } };
        }

        /// <summary>
        /// Everything after the load, in the plan's order. A run of steps of one <see cref="StepKinds.SideBySideGroup"/>
        /// (every table's keys; every table's checks and indexes; every table's statistics) goes on the lanes at once.
        /// With --data-only only identities and statistics: the schema is the user's.
        /// </summary>
        public async Task FinishAsync(TargetLanes lanes, CancellationToken ct)
        {
            if (!Options.DataOnly) runner.Progress?.Report(new CopyEvent.Step("Adding keys, indexes and foreign keys"));
            var after = plan.Steps.Where(s => s.AfterLoad && (!Options.DataOnly || s.Kind is StepKind.ResetIdentity || s.Kind is StepKind.Analyze && !Options.Incremental)).ToList();
            // A table is constrained once its last key, check, index or foreign key step has run.
            var last = after.Select((s, i) => (s, i)).Where(x => IsConstraint(x.s.Kind)).GroupBy(x => x.s.Table).ToDictionary(g => g.Key, g => g.Max(x => x.i));
            for (var start = 0; start < after.Count;)
            {
                var end = start + 1;
                // --online builds each index CONCURRENTLY, for a target in use: two such builds wait for each other's
                // transactions (PostgreSQL can end one as a deadlock), and a live server is not the copy's to fill.
                if (!Options.Online && after[start].Kind.SideBySideGroup() is { } group)
                    while (end < after.Count && after[end].Kind.SideBySideGroup() == group) end++;
                // A step alone runs on the target's own connection, the first lane.
                var outcomes = await lanes.RunAsync(after[start..end], (step, database, token) => AfterLoadAsync(step, database.ExecuteAsync, token), ct).ConfigureAwait(false);
                for (var i = start; i < end; i++)
                {
                    _outcomes.Add(outcomes[i - start]);
                    if (last.GetValueOrDefault(after[i].Table, -1) == i && !NotCreated.Contains(after[i].Table) && !existing.Contains(after[i].Table))
                        journal.Set(after[i].Table, TablePhase.Constrained, journal.Tables[after[i].Table].Written);
                }
                start = end;
            }
            if (!Options.DataOnly && runner._ddl.ConstraintsInCreateTable)
                foreach (var table in plan.Tables.Select(t => t.Target).Where(t => !NotCreated.Contains(t.Name) && !existing.Contains(t.Name)))
                    foreach (var fk in table.ForeignKeys.Where(f => !NotCreated.Contains(f.ReferencedTable)))
                        if (await runner.OrphansAsync(table, fk, ct).ConfigureAwait(false) is > 0 and var found)
                            runner._warnings.Add($"{found:N0} rows of {DdlPlanner.ForeignKeyText(table, fk)} point at rows that do not exist, as they did in the source (SQLite checks foreign keys only when asked).");
        }

        /// <summary>One step after the load: skipped for what it needs, left for what is there, else run.</summary>
        private async Task<StepOutcome> AfterLoadAsync(DdlStep step, Func<string, CancellationToken, Task> execute, CancellationToken ct)
        {
            if (NotCreated.Contains(step.Table) || step.Needs.Any(Missing))
            {
                // A view over it is not made either: what reads this one is skipped in turn.
                if (step.Kind == StepKind.CreateView) _objectsNotCreated.Add(step.Table);
                return new StepOutcome(step, StepStatus.Skipped,
                    Error: $"{string.Join(", ", step.Needs.Prepend(step.Table).Where(Missing).Distinct())} could not be created");
            }
            if (ChangesTable(step.Kind) && existing.Contains(step.Table))
                return new StepOutcome(step, StepStatus.Skipped, Error: "the table existed before the copy; Ferry adds nothing to its schema");
            if (AlreadyThere(step)) return new StepOutcome(step, StepStatus.AlreadyThere);
            return await OutcomeAsync(step, execute, ct).ConfigureAwait(false);
        }

        /// <summary>A table, function or view the target refused (or that was skipped for one it refused).</summary>
        private bool Missing(string name) => NotCreated.Contains(name) || _objectsNotCreated.Contains(name);

        /// <summary>Steps that add to a table's own definition: none is run on a table that was there before the copy.</summary>
        private static bool ChangesTable(StepKind kind) => IsConstraint(kind) || kind is StepKind.EnableRowSecurity or StepKind.CreatePolicy or StepKind.Comment;

        private static bool IsConstraint(StepKind kind) => kind is StepKind.AddPrimaryKey or StepKind.AddUnique or StepKind.AddCheck or StepKind.CreateIndex or StepKind.AddForeignKey;

        /// <summary>
        /// Resuming: the table's state after an interrupted copy, read before the load. Keys, indexes and
        /// checks are told by structure (an unnamed one gets a name from the server, so adding it again would
        /// succeed and leave two); a table the journal says was constrained has all of them.
        /// </summary>
        private bool AlreadyThere(DdlStep step)
        {
            if (!Options.Resume) return false;
            if (IsConstraint(step.Kind) && journal.PhaseOf(step.Table) >= TablePhase.Constrained) return true;
            return runner._before?.Has(step) == true;
        }

        /// <summary>Runs a step before the load (in the table creations' transaction, if one is open) and keeps its outcome.</summary>
        private async Task<StepStatus> RunAsync(DdlStep step, CancellationToken ct)
        {
            var outcome = await OutcomeAsync(step, _execute, ct).ConfigureAwait(false);
            _outcomes.Add(outcome);
            return outcome.Status;
        }

        /// <summary>Sends a step on <paramref name="execute"/>'s connection, and what its refusal costs.</summary>
        private async Task<StepOutcome> OutcomeAsync(DdlStep step, Func<string, CancellationToken, Task> execute, CancellationToken ct)
        {
            // Refused by the planner: sending it would make the target cut or merge a name without a word.
            if (step.Refusal is { } refusal)
            {
                Report(step, refusal);
                return new StepOutcome(step, StepStatus.Failed, Error: refusal);
            }
            try
            {
                await execute(step.Sql, ct).ConfigureAwait(false);
                return new StepOutcome(step, StepStatus.Done);
            }
            catch (FerryException there) when (step.Kind == StepKind.CreateType && there.Server?.Category == ServerErrorCategory.AlreadyExists)
            {
                // A type has no table to read it back from: the server's code says it is there, which the load then checks against.
                return new StepOutcome(step, StepStatus.AlreadyThere);
            }
            catch (FerryException refused)
            {
                // A foreign key's refusal is explained by the rows that break it, and reported there.
                var outcome = step.Kind == StepKind.AddForeignKey
                    ? await runner.ForeignKeyRefusedAsync(plan.Tables.First(t => t.Target.Name == step.Table).Target, step, refused, ct).ConfigureAwait(false)
                    : await FallBackAsync(step, refused, execute, ct).ConfigureAwait(false);
                if (outcome.Status == StepStatus.Failed && step.Kind != StepKind.AddForeignKey) Report(step, refused.Message.TrimEnd('.'));
                return outcome;
            }
        }

        private async Task<StepOutcome> FallBackAsync(DdlStep step, FerryException refused, Func<string, CancellationToken, Task> execute, CancellationToken ct)
        {
            if (step.Fallback is not { } fallback) return Failed(step, refused);
            try
            {
                await execute(fallback.Sql, ct).ConfigureAwait(false);
            }
            catch (FerryException)
            {
                return Failed(step, refused);
            }
            lock (runner._warnings) runner._warnings.Add($"{step.Table}: the target refused the {step.Object} ({refused.Message.TrimEnd('.')}); it made the {fallback.Object} instead.");
            return Failed(step, refused) with { Status = StepStatus.FellBack };
        }

        private void Report(DdlStep step, string why)
        {
            switch (step.OnFailure)
            {
                case StepFailure.SkipTable:
                    NotCreated.Add(step.Table);
                    var rows = plan.Tables.First(t => t.Target.Name == step.Table).Source.RowCount;
                    lock (runner._problems)
                        runner._problems.Add($"{step.Table} could not be created ({why}); {(rows is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) : "its")} rows were not copied, and what needs the table was left out.");
                    break;
                case StepFailure.Problem:
                    // What reads or calls a refused function or view is skipped in turn, not sent.
                    if (step.Kind is StepKind.CreateFunction or StepKind.CreateView or StepKind.CreateTrigger) _objectsNotCreated.Add(step.Table);
                    var named = step.Kind is StepKind.CreateFunction or StepKind.CreateView or StepKind.CreateTrigger or StepKind.CreateExtension or StepKind.CreateSequence
                        ? "The" : $"{step.Table}: the";
                    // The source's own statement (and row-level security, which left off shows every row to every reader)
                    // is given whole, for the user to fix and run by hand.
                    var statement = step.Kind is StepKind.CreateFunction or StepKind.CreateView or StepKind.CreateTrigger or StepKind.CreateExtension
                        or StepKind.CreateSequence or StepKind.CreatePolicy or StepKind.EnableRowSecurity ? $" The statement was: {step.Sql}" : "";
                    lock (runner._problems) runner._problems.Add($"{named} {step.Object} could not be created: {why}.{statement}");
                    break;
                default:
                    lock (runner._warnings) runner._warnings.Add($"{step.Table}: the {step.Object} could not be created: {why}.");
                    break;
            }
        }
    }

    /// <summary>A refused step's outcome, with the server's error code where the engine gave one.</summary>
    private static StepOutcome Failed(DdlStep step, FerryException refused) => new(step, StepStatus.Failed, refused.Server?.Code, refused.Message);
}

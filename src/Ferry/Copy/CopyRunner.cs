using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Ferry.Connections;
using Ferry.Engines;
using Ferry.Errors;
using Ferry.Schema;

namespace Ferry.Copy;

/// <summary>
/// Carries out a <see cref="CopyPlan"/>: tables, then rows in bulk, then keys, indexes, foreign keys,
/// identities and statistics — and counts the target afterwards. The source is only read.
/// </summary>
public sealed class CopyRunner(IDatabase source, IDatabase target, CopyOptions options, IProgress<CopyEvent>? progress = null,
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
            foreach (var view in plan.Views) await TryAsync(view.Definition, $"the view {view.Name} could not be created", ct).ConfigureAwait(false);
            foreach (var trigger in plan.Triggers) await TryAsync(trigger.Definition, $"the trigger {trigger.Name} could not be created", ct).ConfigureAwait(false);
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

    /// <summary>
    /// The journal of this source and target. An interrupted copy is finished with --resume, or started
    /// over with --if-exists drop; anything else is refused with the state the target was left in.
    /// </summary>
    private CopyJournal OpenJournal()
    {
        var path = options.JournalPath ?? CopyJournal.DefaultPath(source.Target.Redacted, target.Target.Redacted);
        var previous = CopyJournal.Read(path);
        var interrupted = previous is { Finished: false };
        if (options.Resume)
            return interrupted ? previous! : throw new FerryException(FerryErrorKind.Usage,
                $"There is no interrupted copy from {source.Target.Redacted} into {target.Target.Redacted} to resume (no journal at {path}).");
        if (interrupted && options.IfExists != IfExists.Drop)
            throw new FerryException(FerryErrorKind.Usage,
                $"A copy from {source.Target.Redacted} into {target.Target.Redacted} was interrupted; the target holds what it left: {previous!.Describe()}. " +
                $"Run the same command with --resume to finish it, or with --if-exists drop to start over (journal: {path}).");
        return CopyJournal.Start(path, source.Target.Redacted, target.Target.Redacted);
    }

    /// <summary>Which target tables already exist, after applying --if-exists; refuses to write into non-empty ones by default.</summary>
    private async Task<(HashSet<string> Existing, HashSet<string> Present)> PrepareTargetAsync(CopyPlan plan, CopyJournal journal, CancellationToken ct)
    {
        var schema = await target.ReadSchemaAsync(ct).ConfigureAwait(false);
        // Tables the interrupted copy already took charge of are its own, not a user's to protect.
        var existing = schema.Tables.Where(t => plan.Tables.Any(p => p.Target.Name == t.Name) && journal.PhaseOf(t.Name) == TablePhase.Pending).ToList();
        var missing = plan.Tables.Select(t => t.Target.Name).Except(schema.Tables.Select(t => t.Name)).ToList();
        if (options.DataOnly && missing.Count > 0)
            throw new FerryException(FerryErrorKind.Usage, $"--data-only needs the tables to exist in the target; missing: {string.Join(", ", missing)}.");

        var full = existing.Where(t => t.RowCount > 0).ToList();
        if (options.IfExists == IfExists.Fail && full.Count > 0)
            throw new FerryException(FerryErrorKind.Usage,
                $"The target already holds rows in {string.Join(", ", full.Select(t => $"{t.Name} ({t.RowCount:N0})"))}; nothing was changed. " +
                "Use --if-exists truncate, append or drop to say what to do with them.");
        foreach (var table in existing)
        {
            if (options.IfExists == IfExists.Drop)
                await target.ExecuteAsync(_ddl.DropTable(table), ct).ConfigureAwait(false);
            else if (options.IfExists == IfExists.Truncate && table.RowCount > 0)
                await target.ExecuteAsync(_ddl.EmptyTable(table), ct).ConfigureAwait(false);
        }
        // Present: tables an interrupted copy already created (the rest are created now).
        var present = schema.Tables.Where(t => journal.PhaseOf(t.Name) >= TablePhase.Created).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return (options.IfExists == IfExists.Drop ? [] : existing.Select(t => t.Name).ToHashSet(StringComparer.Ordinal), present);
    }

    private async Task CreateAsync(Table table, CancellationToken ct)
    {
        progress?.Report(new CopyEvent.Step($"Creating {table.Name}"));
        try
        {
            await target.ExecuteAsync(_ddl.CreateTable(table), ct).ConfigureAwait(false);
        }
        catch (FerryException) when (_ddl.ConstraintsInCreateTable && table.Checks.Count > 0)
        {
            // A check written in another dialect may not parse here; SQLite cannot add it later, so it goes.
            await target.ExecuteAsync(_ddl.CreateTable(table with { Checks = [] }), ct).ConfigureAwait(false);
            _warnings.Add($"{table.Name}: the checks {string.Join("; ", table.Checks.Select(c => c.Expression))} are not valid in {target.Target.Engine.Display()}; the table was created without them.");
        }
    }

    /// <summary>
    /// Loads every table: one after another, or with --jobs N on N connection pairs, largest tables
    /// first so the long ones start early. SQLite and libSQL targets take one writer at a time, so
    /// they always load one table at a time.
    /// </summary>
    private async Task<List<TableReport>> LoadAllAsync(CopyPlan plan, CopyJournal journal, Rejects? rejects, CancellationToken ct)
    {
        var jobs = target.Target.Engine is EngineKind.Sqlite or EngineKind.Libsql || openMore is null ? 1 : Math.Clamp(options.Jobs, 1, plan.Tables.Count);
        if (jobs == 1)
        {
            var reports = new List<TableReport>();
            foreach (var table in plan.Tables) reports.Add(await LoadAsync(table, source, target, journal, rejects, ct).ConfigureAwait(false));
            return reports;
        }
        var queue = new System.Collections.Concurrent.ConcurrentQueue<TablePlan>(plan.Tables.OrderByDescending(t => t.Source.RowCount ?? 0));
        var done = new System.Collections.Concurrent.ConcurrentDictionary<string, TableReport>(StringComparer.Ordinal);
        async Task Work(int worker)
        {
            var (from, to) = worker == 0 ? (source, target) : await openMore!(ct).ConfigureAwait(false);
            try
            {
                while (queue.TryDequeue(out var table)) done[table.Target.Name] = await LoadAsync(table, from, to, journal, rejects, ct).ConfigureAwait(false);
            }
            finally
            {
                if (worker > 0)
                {
                    await from.DisposeAsync().ConfigureAwait(false);
                    await to.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, jobs).Select(Work)).ConfigureAwait(false);
        return plan.Tables.Select(t => done[t.Target.Name]).ToList();
    }

    private async Task<TableReport> LoadAsync(TablePlan table, IDatabase source, IDatabase target, CopyJournal journal, Rejects? rejects, CancellationToken ct)
    {
        var name = table.Target.Name;
        var phase = journal.PhaseOf(name);
        if (phase >= TablePhase.Loaded)
        {
            progress?.Report(new CopyEvent.Step($"{name} was loaded before the interruption"));
            var done = journal.Tables[name].Written;
            return new TableReport { Table = name, Read = done, Written = done };
        }
        if (phase == TablePhase.Loading)
        {
            // The interrupted load may have committed some batches (libSQL) or all of it (killed before the
            // journal said so): the table is this copy's own, so it is emptied and loaded again.
            if (!journal.Tables[name].Owned)
                throw new FerryException(FerryErrorKind.Failed, $"{name} was interrupted while rows were appended to it; Ferry cannot tell its rows from the copy's. Restore it, then copy it again.");
            await target.ExecuteAsync($"DELETE FROM {target.Dialect.Quote(name)}", ct).ConfigureAwait(false);
        }
        journal.Set(name, TablePhase.Loading);
        progress?.Report(new CopyEvent.TableStarted(name, table.Source.RowCount));
        var clock = Stopwatch.StartNew();
        var counts = new Counts();
        // With skip or update, what the table gained is counted, not assumed: every row is then inserted, a conflict, or refused.
        var before = options.OnConflict == OnConflict.Fail ? 0 : await CountAsync(target, name, ct).ConfigureAwait(false);
        long sent;
        try
        {
            sent = await target.WriteRowsAsync(table.Written, Prefetch.ReadAhead(ConvertRows(table, source, counts, rejects, ct), ct), options.OnConflict, ct).ConfigureAwait(false);
        }
        catch (FerryException e) when (e is not CopyRefusedException)
        {
            throw new FerryException(e.Kind, $"Loading {name} failed: {e.Message.TrimEnd('.')}. {StateAfterFailedLoad(name)}", e);
        }
        var written = options.OnConflict == OnConflict.Fail ? sent : await CountAsync(target, name, ct).ConfigureAwait(false) - before;
        journal.Set(name, TablePhase.Loaded, written);
        var report = new TableReport { Table = name, Read = counts.Read, Written = written, Refused = counts.Refused, Conflicts = sent - written, Elapsed = clock.Elapsed };
        if (report.Refused > 0) lock (_problems) _problems.Add($"{report.Refused:N0} rows of {table.Target.Name} were refused; they are in {rejects!.Path}.");
        progress?.Report(new CopyEvent.TableDone(report));
        return report;
    }

    /// <summary>What the target holds after a load failed, and how to go on: the sentence a user needs next.</summary>
    private string StateAfterFailedLoad(string table)
    {
        // libSQL loads over HTTP in batches of their own; the other engines load a table in one transaction.
        var kept = target.Target.Engine == EngineKind.Libsql
            ? $"Batches of {table} already sent are kept and will be emptied on resume"
            : $"Nothing of {table} was kept";
        return $"{kept}; tables loaded before it are complete. Fix the cause and run again with --resume, or with --if-exists drop to start over.";
    }

    private sealed class Counts
    {
        public long Read;
        public long Refused;
    }

    private async IAsyncEnumerable<object?[]> ConvertRows(TablePlan table, IDatabase source, Counts counts, Rejects? rejects, [EnumeratorCancellation] CancellationToken ct)
    {
        var converters = table.Choices.Select(c => ValueConverters.For(c, target.Target.Engine)).ToArray();
        await foreach (var row in source.ReadRowsAsync(table.Source, ct).WithCancellation(ct).ConfigureAwait(false))
        {
            counts.Read++;
            var output = new object?[converters.Length];
            var column = 0;
            try
            {
                for (; column < converters.Length; column++) output[column] = converters[column](row[column]);
            }
            catch (RowRefusedException refusal)
            {
                counts.Refused++;
                var key = KeyText(table, row, counts.Read);
                var name = table.Source.Columns[column].Name;
                if (rejects is null)
                    throw new CopyRefusedException(
                        $"Row {key} of {table.Target.Name}, column {name}: {refusal.Message}. Nothing was written to {table.Target.Name}; " +
                        "run again with --rejects FILE to copy the other rows and keep the refused ones in FILE.");
                rejects.Add(table.Target.Name, key, name, refusal.Message, row);
                continue;
            }
            if (counts.Read % ProgressEvery == 0) progress?.Report(new CopyEvent.Rows(table.Target.Name, counts.Read, counts.Read - counts.Refused));
            yield return output;
        }
    }

    private static string KeyText(TablePlan table, object?[] row, long number) =>
        table.KeyColumns.Count == 0
            ? $"#{number.ToString(CultureInfo.InvariantCulture)}"
            : "(" + string.Join(", ", table.KeyColumns.Select(i => $"{table.Source.Columns[i].Name}={System.Convert.ToString(row[i], CultureInfo.InvariantCulture)}")) + ")";

    private async Task AddKeysAsync(Table table, CancellationToken ct)
    {
        if (_ddl.AddPrimaryKey(table) is { } primaryKey) await ExecuteOnceAsync(primaryKey, ct).ConfigureAwait(false);
        if (_ddl.ConstraintsInCreateTable) return;
        foreach (var unique in table.Uniques)
            await ExecuteOnceAsync(_ddl.AddUnique(table, unique), ct).ConfigureAwait(false);
    }

    private async Task AddIndexesAndForeignKeysAsync(Table table, CancellationToken ct)
    {
        if (!_ddl.ConstraintsInCreateTable)
            foreach (var check in table.Checks)
                await TryAsync(_ddl.AddCheck(table, check), $"{table.Name}: the check ({check.Expression}) could not be created", ct).ConfigureAwait(false);
        foreach (var index in table.Indexes)
            await TryAsync(_ddl.CreateIndex(table, index), $"{table.Name}: the index {index.Name} could not be created", ct).ConfigureAwait(false);
        foreach (var fk in table.ForeignKeys)
            await AddForeignKeyAsync(table, fk, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// SQLite never enforced its foreign keys, so rows may point at nothing. They are counted first:
    /// such a key is added without checking the existing rows when asked (PostgreSQL's NOT VALID, MySQL's
    /// foreign_key_checks = 0), and reported as a problem otherwise.
    /// </summary>
    private async Task AddForeignKeyAsync(Table table, ForeignKey fk, CancellationToken ct)
    {
        var what = $"{table.Name} ({string.Join(", ", fk.Columns)}) → {fk.ReferencedTable}";
        if (_ddl.ConstraintsInCreateTable)
        {
            if (await OrphansAsync(table, fk, ct).ConfigureAwait(false) is > 0 and var found)
                _warnings.Add($"{found:N0} rows of {what} point at rows that do not exist, as they did in the source (SQLite checks foreign keys only when asked).");
            return;
        }
        // The target checks every row as it adds the key; orphans are counted only when it refuses,
        // so a clean copy does not pay for the same anti-join twice.
        long orphans;
        try
        {
            await ExecuteOnceAsync(_ddl.AddForeignKey(table, fk, notValid: false), ct).ConfigureAwait(false);
            return;
        }
        catch (FerryException refused)
        {
            orphans = await OrphansAsync(table, fk, ct).ConfigureAwait(false);
            if (orphans == 0) throw new FerryException(refused.Kind, $"The foreign key {what} could not be added: {refused.Message}", refused);
        }
        if (!options.ForeignKeysNotValid)
        {
            lock (_problems) _problems.Add($"The foreign key {what} was not created: {orphans:N0} rows point at rows that do not exist. Re-run with --fk-not-valid to add it as NOT VALID, or fix those rows.");
            return;
        }
        await ExecuteOnceAsync(_ddl.AddForeignKey(table, fk, notValid: true), ct).ConfigureAwait(false);
        _warnings.Add($"The foreign key {what} was added without checking the existing rows (NOT VALID in PostgreSQL): {orphans:N0} of them break it; new rows are checked.");
    }

    /// <summary>Rows whose foreign key is set and points at no row of the referenced table.</summary>
    private async Task<long> OrphansAsync(Table table, ForeignKey fk, CancellationToken ct)
    {
        var q = target.Dialect;
        var join = string.Join(" AND ", fk.Columns.Zip(fk.ReferencedColumns, (c, p) => $"p.{q.Quote(p)} = c.{q.Quote(c)}"));
        var present = string.Join(" AND ", fk.Columns.Select(c => $"c.{q.Quote(c)} IS NOT NULL"));
        var rows = await target.QueryAsync(
            $"SELECT count(*) FROM {q.Quote(table.Name)} c WHERE {present} AND NOT EXISTS (SELECT 1 FROM {q.Quote(fk.ReferencedTable)} p WHERE {join})", ct).ConfigureAwait(false);
        return System.Convert.ToInt64(rows[0][0], CultureInfo.InvariantCulture);
    }

    /// <summary>Moves every generated key past the largest copied one, so the first insert after the copy succeeds.</summary>
    private async Task ResetIdentitiesAsync(TablePlan table, long sourceHighWater, CancellationToken ct)
    {
        foreach (var column in table.Target.Columns.Where(c => c.Identity != Identity.None))
        {
            if (_ddl.ConstraintsInCreateTable && column.Identity != Identity.AutoIncrement) continue; // a rowid continues by itself
            var q = target.Dialect;
            var max = (await target.QueryAsync($"SELECT max({q.Quote(column.Name)}) FROM {q.Quote(table.Target.Name)}", ct).ConfigureAwait(false))[0][0];
            // AUTOINCREMENT never reuses a key, even of a deleted row: the source's high-water mark counts too.
            var next = Math.Max(max is null ? 0 : System.Convert.ToInt64(max, CultureInfo.InvariantCulture), sourceHighWater) + 1;
            await target.ExecuteAsync(_ddl.ResetIdentity(table.Target, column, next), ct).ConfigureAwait(false);
        }
    }

    private static async Task<long> CountAsync(IDatabase database, string table, CancellationToken ct) =>
        System.Convert.ToInt64((await database.QueryAsync($"SELECT count(*) FROM {database.Dialect.Quote(table)}", ct).ConfigureAwait(false))[0][0], CultureInfo.InvariantCulture);

    private async Task<List<TableReport>> CountTargetAsync(CopyPlan plan, List<TableReport> reports, CancellationToken ct)
    {
        var counted = new List<TableReport>();
        foreach (var report in reports)
        {
            var inTarget = await CountAsync(target, report.Table, ct).ConfigureAwait(false);
            if (options.IfExists != IfExists.Append && inTarget != report.Written)
                _problems.Add($"{report.Table}: Ferry wrote {report.Written:N0} rows but the target holds {inTarget:N0}.");
            counted.Add(report with { TargetRows = inTarget });
        }
        return counted;
    }

    private async Task TryAsync(string sql, string failure, CancellationToken ct)
    {
        try
        {
            await target.ExecuteAsync(sql, ct).ConfigureAwait(false);
        }
        catch (FerryException e) when (!(options.Resume && AlreadyExists(e)))
        {
            _warnings.Add($"{failure}: {e.Message}");
        }
        catch (FerryException)
        {
            // Resuming: the interrupted copy had already made it.
        }
    }

    /// <summary>Statements the interrupted copy had already run fail with "already exists" (or PostgreSQL's "multiple primary keys") when run again.</summary>
    private static bool AlreadyExists(FerryException e) =>
        e.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("multiple primary keys", StringComparison.OrdinalIgnoreCase);

    private async Task ExecuteOnceAsync(string sql, CancellationToken ct)
    {
        try
        {
            await target.ExecuteAsync(sql, ct).ConfigureAwait(false);
        }
        catch (FerryException e) when (options.Resume && AlreadyExists(e))
        {
            // Resuming: the interrupted copy had already made it.
        }
    }
}

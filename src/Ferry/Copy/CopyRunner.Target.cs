using Ferry.Connections;
using Ferry.Errors;
using Ferry.Schema;

namespace Ferry.Copy;

/// <summary>The target before the load: the journal that says what an interrupted copy left, --if-exists, CREATE TABLE.</summary>
public sealed partial class CopyRunner
{
    /// <summary>
    /// The journal of this source and target. An interrupted copy is finished with --resume, or started
    /// over with --if-exists drop; anything else is refused with the state the target was left in. A
    /// journal the target no longer matches (the file was replaced, a table dropped by hand) is stale:
    /// it is never resumed, and a plain run starts over.
    /// </summary>
    private CopyJournal OpenJournal(DatabaseSchema targetSchema)
    {
        var path = options.JournalPath ?? CopyJournal.DefaultPath(source.Target.Redacted, target.Target.Redacted);
        var previous = CopyJournal.Read(path);
        var interrupted = previous is { Finished: false };
        var stale = interrupted ? previous!.Mismatch(targetSchema) : null;
        if (options.Resume)
        {
            if (!interrupted)
                throw new FerryException(FerryErrorKind.Usage,
                    $"There is no interrupted copy from {source.Target.Redacted} into {target.Target.Redacted} to resume (no journal at {path}).");
            if (stale is not null)
                throw new FerryException(FerryErrorKind.Usage,
                    $"The journal at {path} is stale: it records an interrupted copy, but {stale}, so it cannot be resumed. Run the same command without --resume to start over.");
            return previous!;
        }
        if (interrupted && stale is null && options.IfExists != IfExists.Drop && !options.Replayable)
            throw new FerryException(FerryErrorKind.Usage,
                $"A copy from {source.Target.Redacted} into {target.Target.Redacted} was interrupted; the target holds what it left: {previous!.Describe()}. " +
                $"Run the same command with --resume to finish it, or with --if-exists drop to start over (journal: {path}).");
        if (stale is not null) _warnings.Add($"The journal at {path} of an interrupted copy was stale ({stale}); this copy started over.");
        return CopyJournal.Start(path, source.Target.Redacted, target.Target.Redacted);
    }

    /// <summary>Which target tables already exist, after applying --if-exists; refuses to write into non-empty ones by default.</summary>
    private async Task<(HashSet<string> Existing, HashSet<string> Present)> PrepareTargetAsync(CopyPlan plan, CopyJournal journal, DatabaseSchema schema, CancellationToken ct)
    {
        // The target's tables the plan's would be: of the same name, and in the same schema where the plan keeps one.
        var there = plan.Tables.Select(p => schema.Tables.FirstOrDefault(t => t.Name == p.Target.Name && (p.Target.Schema is null || t.Schema == p.Target.Schema)))
            .OfType<Table>().ToList();
        // Tables the interrupted copy already took charge of are its own, not a user's to protect.
        var existing = there.Where(t => journal.PhaseOf(t.Name) == TablePhase.Pending).ToList();
        var missing = plan.Tables.Select(t => t.Target.Name).Except(there.Select(t => t.Name)).ToList();
        if (options.DataOnly && missing.Count > 0)
            throw new FerryException(FerryErrorKind.Usage, $"--data-only needs the tables to exist in the target; missing: {string.Join(", ", missing)}.");

        var full = existing.Where(t => t.RowCount > 0).ToList();
        if (options.IfExists == IfExists.Fail && full.Count > 0)
            throw new FerryException(FerryErrorKind.Usage,
                $"The target already holds rows in {string.Join(", ", full.Select(t => $"{t.Name} ({t.RowCount:N0})"))}; nothing was changed. " +
                "Use --if-exists truncate, append or drop to say what to do with them.");
        _undo.Record(options, existing);
        foreach (var table in existing)
        {
            if (options.IfExists == IfExists.Drop)
                await target.ExecuteAsync(_ddl.DropTable(table), ct).ConfigureAwait(false);
            else if (options.IfExists == IfExists.Truncate && table.RowCount > 0)
                await target.ExecuteAsync(_ddl.EmptyTable(table), ct).ConfigureAwait(false);
        }
        // Present: tables an interrupted copy already created (the rest are created now).
        var present = there.Where(t => journal.PhaseOf(t.Name) >= TablePhase.Created).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        // The keys and indexes those tables already have, and the views, triggers and functions there as whole
        // statements: this run adds none before the load, so this read serves the resume.
        if (options.Resume)
            _before = new TargetBefore(await target.WithObjectDefinitionsAsync(schema, ct).ConfigureAwait(false), there.Where(t => present.Contains(t.Name)).ToList());
        return (options.IfExists == IfExists.Drop ? [] : existing.Select(t => t.Name).ToHashSet(StringComparer.Ordinal), present);
    }
}

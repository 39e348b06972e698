using Ferry.Errors;

namespace Ferry.Migrations;

/// <summary>
/// The folder held against the history table: each migration's <see cref="MigrationState"/>, and what
/// <c>up</c> would apply. Pure, so <c>status</c>, <c>validate</c>, <c>up --dry-run</c> and <c>up</c> decide alike.
/// </summary>
/// <remarks>
/// A row belongs to the migration with its <see cref="Migration.Order"/> (Ferry's version, drizzle's
/// <c>when</c>, which drizzle-orm stores as <c>created_at</c>). Pending means newer than the newest row,
/// drizzle-orm's own rule; an older one without a row is <see cref="MigrationState.OutOfOrder"/>, where
/// drizzle-orm would skip it in silence.
/// </remarks>
public sealed record MigrationPlan(MigrationSet Set, IReadOnlyList<MigrationStatus> Entries)
{
    public static MigrationPlan Of(MigrationSet set, IReadOnlyList<AppliedMigration> rows, IReadOnlyList<MigrationFailureRecord> failures)
    {
        var byOrder = rows.GroupBy(r => r.Order).ToDictionary(g => g.Key, g => g.First());
        var failed = failures.ToDictionary(f => f.Order);
        long? newest = rows.Count == 0 ? null : rows.Max(r => r.Order);
        var entries = new List<MigrationStatus>();
        foreach (var m in set.Migrations)
        {
            byOrder.TryGetValue(m.Order, out var row);
            failed.TryGetValue(m.Order, out var failure);
            var state = row is not null ? (row.Hash == m.Hash ? MigrationState.Applied : MigrationState.Changed)
                : failure is not null ? MigrationState.Failed
                : newest is null || m.Order > newest ? MigrationState.Pending
                : MigrationState.OutOfOrder;
            entries.Add(new MigrationStatus(state, m.Order, m.Name, m, row, failure));
        }
        var known = set.Migrations.Select(m => m.Order).ToHashSet();
        foreach (var row in byOrder.Values.Where(r => !known.Contains(r.Order)))
            entries.Add(new MigrationStatus(MigrationState.Missing, row.Order, row.Name ?? $"created_at {row.Order}", null, row, null));
        return new MigrationPlan(set, entries.OrderBy(e => e.Order).ToList());
    }

    public IEnumerable<MigrationStatus> In(MigrationState state) => Entries.Where(e => e.State == state);

    /// <summary>True when the folder and the history agree: nothing changed, missing, failed or out of order (pending is fine).</summary>
    public bool Valid => Entries.All(e => e.State is MigrationState.Applied or MigrationState.Pending);

    /// <summary>
    /// What <c>up</c> applies, oldest first, up to and including <see cref="UpOptions.To"/>; or a refusal
    /// that names the file and what to do, before anything runs.
    /// </summary>
    public IReadOnlyList<Migration> ToApply(UpOptions options)
    {
        if (In(MigrationState.Changed).FirstOrDefault() is { } changed)
            throw new FerryException(FerryErrorKind.Failed,
                $"{changed.Migration!.File} has changed since it was applied (its hash is not the one recorded): the database holds what the old " +
                "text did. Restore the file as it was and put the change in a new migration ('ferry migrate new NAME').");
        if (In(MigrationState.Failed).FirstOrDefault() is { } failed && !options.RetryFailed)
            throw new FerryException(FerryErrorKind.Failed,
                $"{failed.Migration!.File} failed at statement {failed.Failure!.Statement} of {failed.Failure.Statements} ({failed.Failure.Error}); " +
                $"{PartlyRun.Describe(failed.Failure.Statement)}. Undo what ran by hand or make the file safe to run again, then run 'ferry migrate up --retry-failed'.");
        var outOfOrder = In(MigrationState.OutOfOrder).ToList();
        if (outOfOrder.Count > 0 && !options.AllowOutOfOrder)
            throw new FerryException(FerryErrorKind.Failed,
                $"{string.Join(", ", outOfOrder.Select(e => e.Name))} {(outOfOrder.Count == 1 ? "was" : "were")} never applied, yet {(outOfOrder.Count == 1 ? "is" : "are")} older than " +
                "the newest applied migration (a merged branch?); drizzle-orm would skip " + (outOfOrder.Count == 1 ? "it" : "them") +
                " for ever. Apply out of order with 'ferry migrate up --allow-out-of-order', or renumber the file" + (outOfOrder.Count == 1 ? "" : "s") + ".");

        long? last = null;
        if (options.To is { } to)
        {
            last = Set.Require(to).Order;
        }
        return Entries
            .Where(e => e.State is MigrationState.Pending || (e.State is MigrationState.OutOfOrder && options.AllowOutOfOrder)
                || (e.State is MigrationState.Failed && options.RetryFailed))
            .Where(e => last is null || e.Order <= last)
            .Select(e => e.Migration!)
            .ToList();
    }
}

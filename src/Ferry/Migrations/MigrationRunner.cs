using System.Diagnostics;
using Ferry.Engines;
using Ferry.Errors;

namespace Ferry.Migrations;

/// <summary>
/// Applies, undoes and records the migrations of one folder on one database. Every run that changes
/// anything holds the engine's <see cref="MigrationLock"/> and reads the history only once it holds it,
/// so two runs at once apply each migration once; each migration commits with its history row.
/// </summary>
public sealed class MigrationRunner(ISqlSession session, MigrationSet set)
{
    private readonly IMigrationHistory _history = IMigrationHistory.For(set.Format, session);
    private readonly MigrationFailures _failures = new(session);

    public IMigrationHistory History => _history;

    /// <summary>The folder against the history, read without creating or locking anything.</summary>
    public async Task<MigrationPlan> PlanAsync(CancellationToken ct)
    {
        var rows = await _history.Table.ExistsAsync(session, ct).ConfigureAwait(false)
            ? await _history.ReadAsync(ct).ConfigureAwait(false)
            : [];
        return MigrationPlan.Of(set, rows, await _failures.ReadAsync(ct).ConfigureAwait(false));
    }

    public async Task<MigrationRunResult> UpAsync(UpOptions options, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var held = await MigrationLock.AcquireAsync(session, options.LockWait, ct).ConfigureAwait(false);
        await CreateHistoryAsync(ct).ConfigureAwait(false);
        var plan = await PlanAsync(ct).ConfigureAwait(false);
        var executor = new MigrationExecutor(session, _history, _failures);
        var done = new List<MigrationOutcome>();
        var toApply = plan.ToApply(options);
        if (options.BeforeApply is { } before && toApply.Count > 0) await before(toApply, ct).ConfigureAwait(false);
        foreach (var migration in toApply)
        {
            var step = new MigrationExecutor.Step(migration, migration.File, migration.Statements, elapsed => _history.Record(migration, elapsed), Undo: false);
            var (outcome, failure) = await executor.RunAsync(step, ct).ConfigureAwait(false);
            if (failure is not null) return new MigrationRunResult(done, clock.Elapsed, failure);
            done.Add(outcome!);
            options.OnApplied?.Invoke(outcome!);
        }
        return new MigrationRunResult(done, clock.Elapsed, null);
    }

    /// <summary>Undoes the <paramref name="steps"/> newest applied migrations, newest first, each by its down part.</summary>
    public async Task<MigrationRunResult> DownAsync(int steps, Action<MigrationOutcome>? onUndone, TimeSpan lockWait, CancellationToken ct)
    {
        if (set.Format == MigrationFormat.Drizzle)
            throw new FerryException(FerryErrorKind.Usage,
                $"{set.Directory} is a drizzle-kit folder, and drizzle-kit writes no down migrations: write the undoing change as a new migration.");
        if (steps < 1) throw new FerryException(FerryErrorKind.Usage, "--steps must be 1 or more.");
        var clock = Stopwatch.StartNew();
        await using var held = await MigrationLock.AcquireAsync(session, lockWait, ct).ConfigureAwait(false);
        var plan = await PlanAsync(ct).ConfigureAwait(false);
        var newest = plan.Entries.Where(e => e.Row is not null).OrderByDescending(e => e.Order).Take(steps).ToList();
        // Checked for all before any runs: stopping half-way for a missing down file would leave an undo half done.
        foreach (var entry in newest)
        {
            if (entry.Migration is null)
                throw new FerryException(FerryErrorKind.Failed, $"{entry.Name} is recorded as applied, but its file is not in {set.Directory}: nothing says how to undo it.");
            if (entry.Migration.Down is null)
                throw new FerryException(FerryErrorKind.Failed,
                    $"{entry.Migration.File} has no down part ({SeparateDownFile(entry.Migration)}, or a '{DownSection.Marker}' section): it cannot be undone.");
        }
        var executor = new MigrationExecutor(session, _history, _failures);
        var done = new List<MigrationOutcome>();
        foreach (var migration in newest.Select(e => e.Migration!))
        {
            var step = new MigrationExecutor.Step(migration, DownFile(migration), migration.Down!, _ => _history.Forget(migration), Undo: true);
            var (outcome, failure) = await executor.RunAsync(step, ct).ConfigureAwait(false);
            if (failure is not null) return new MigrationRunResult(done, clock.Elapsed, failure);
            done.Add(outcome!);
            onUndone?.Invoke(outcome!);
        }
        return new MigrationRunResult(done, clock.Elapsed, null);
    }

    /// <summary>
    /// Adopts a database whose schema is already there: records every migration up to and including
    /// <paramref name="to"/> (all when null) as applied, without running it. Returns those it recorded.
    /// </summary>
    public async Task<IReadOnlyList<Migration>> BaselineAsync(string? to, TimeSpan lockWait, CancellationToken ct)
    {
        await using var held = await MigrationLock.AcquireAsync(session, lockWait, ct).ConfigureAwait(false);
        await CreateHistoryAsync(ct).ConfigureAwait(false);
        var plan = await PlanAsync(ct).ConfigureAwait(false);
        long? last = to is null ? null
            : set.Require(to).Order;
        var recorded = plan.Entries
            .Where(e => e.State is MigrationState.Pending or MigrationState.OutOfOrder && (last is null || e.Order <= last))
            .Select(e => e.Migration!).ToList();
        foreach (var migration in recorded)
            await session.ExecuteAsync(_history.Record(migration, TimeSpan.Zero), ct).ConfigureAwait(false);
        return recorded;
    }

    private async Task CreateHistoryAsync(CancellationToken ct)
    {
        foreach (var statement in _history.Create) await session.ExecuteAsync(statement, ct).ConfigureAwait(false);
    }

    private string SeparateDownFile(Migration migration) => Path.Combine(set.Directory, migration.Name + ".down.sql");

    /// <summary>The file the down part is read from, for messages: the .down.sql, or the up file that holds it as a section.</summary>
    private string DownFile(Migration migration) => File.Exists(SeparateDownFile(migration)) ? SeparateDownFile(migration) : migration.File;
}

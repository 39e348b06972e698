using System.Globalization;
using Ferry.Ddl;
using Ferry.Errors;
using Ferry.Schema;

namespace Ferry.Copy;

/// <summary>After the load: what a resumed copy finds already made, and foreign keys the copied rows break.</summary>
public sealed partial class CopyRunner
{
    /// <summary>Resuming: what the target held, read with its schema before the load; null on a fresh copy.</summary>
    private TargetBefore? _before;

    /// <summary>
    /// SQLite never enforced its foreign keys, so rows may point at nothing. The target checks every row as
    /// it adds the key; orphans are counted only when it refuses, so a clean copy does not pay for the same
    /// anti-join twice. Such a key is added without checking the existing rows when asked (PostgreSQL's
    /// NOT VALID, MySQL's foreign_key_checks = 0), and reported as a problem otherwise.
    /// </summary>
    private async Task<StepOutcome> ForeignKeyRefusedAsync(Table table, DdlStep step, FerryException refused, CancellationToken ct)
    {
        var fk = (ForeignKey)step.Subject!;
        var what = DdlPlanner.ForeignKeyText(table, fk);
        var orphans = await OrphansAsync(table, fk, ct).ConfigureAwait(false);
        string problem;
        if (orphans == 0)
            problem = $"The foreign key {what} could not be added: {refused.Message.TrimEnd('.')}.";
        else if (!options.ForeignKeysNotValid)
            problem = $"The foreign key {what} was not created: {orphans:N0} rows point at rows that do not exist. Re-run with --fk-not-valid to add it as NOT VALID, or fix those rows.";
        else
        {
            try
            {
                await target.ExecuteAsync(_ddl.AddForeignKey(table, fk, notValid: true), ct).ConfigureAwait(false);
                _warnings.Add($"The foreign key {what} was added without checking the existing rows (NOT VALID in PostgreSQL): {orphans:N0} of them break it; new rows are checked.");
                return Failed(step, refused) with { Status = StepStatus.FellBack };
            }
            catch (FerryException again)
            {
                problem = $"The foreign key {what} could not be added, even without checking the existing rows: {again.Message.TrimEnd('.')}.";
            }
        }
        lock (_problems) _problems.Add(problem);
        return Failed(step, refused);
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
}

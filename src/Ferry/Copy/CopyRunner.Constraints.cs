using System.Globalization;
using Ferry.Errors;
using Ferry.Schema;

namespace Ferry.Copy;

/// <summary>After the load: keys, checks, indexes and foreign keys, orphans counted only when the target refuses one.</summary>
public sealed partial class CopyRunner
{
    /// <summary>Resuming: what the target held, read with its schema before the load; null on a fresh copy.</summary>
    private TargetBefore? _before;

    private Table? MadeBefore(Table table) => _before?.Table(table.Name);

    private async Task AddKeysAsync(Table table, CancellationToken ct)
    {
        var made = MadeBefore(table);
        if (_ddl.AddPrimaryKey(table) is { } primaryKey && !AlreadyAdded.HasPrimaryKey(made))
            await ExecuteOnceAsync(primaryKey, ct).ConfigureAwait(false);
        if (_ddl.ConstraintsInCreateTable) return;
        foreach (var unique in table.Uniques.Where(u => !AlreadyAdded.Has(made, u)))
            await ExecuteOnceAsync(_ddl.AddUnique(table, unique), ct).ConfigureAwait(false);
    }

    private async Task AddIndexesAndForeignKeysAsync(Table table, CancellationToken ct)
    {
        var made = MadeBefore(table);
        if (!_ddl.ConstraintsInCreateTable)
            foreach (var check in table.Checks.Where(c => !AlreadyAdded.Has(made, c)))
                await TryAsync(_ddl.AddCheck(table, check), $"{table.Name}: the check ({check.Expression}) could not be created", ct).ConfigureAwait(false);
        foreach (var index in table.Indexes.Where(i => !AlreadyAdded.Has(made, i)))
            await TryAsync(_ddl.CreateIndex(table, index), $"{table.Name}: the index {index.Name} could not be created", ct).ConfigureAwait(false);
        foreach (var fk in table.ForeignKeys.Where(f => !AlreadyAdded.Has(made, f)))
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
            if (orphans == 0) throw FerryException.Restated(refused, $"The foreign key {what} could not be added: {refused.Message}");
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
}

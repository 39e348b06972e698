using System.Globalization;
using Ferry.Engines;
using Ferry.Errors;
using Ferry.Schema;

namespace Ferry.Copy;

/// <summary>The end of a copy: identities moved on, every table counted, and statements that may already have run.</summary>
public sealed partial class CopyRunner
{
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

    /// <summary>
    /// What the interrupted copy had made is left out by the schema read before the load (<see cref="TargetBefore"/>);
    /// this is the fallback for anything made since that read. Decided by the server's code, never its words,
    /// which it may write in German; SQLite has no such code, and a statement it refuses is reported.
    /// </summary>
    private static bool AlreadyExists(FerryException e) => e.Server?.Category == ServerErrorCategory.AlreadyExists;

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

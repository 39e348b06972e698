using Ferry.Engines;

namespace Ferry.Copy;

/// <summary>The end of a copy: every table counted by the target itself.</summary>
public sealed partial class CopyRunner
{
    /// <summary>Every table the copy made or filled counted by the target, several at once where the lanes allow.</summary>
    private async Task<List<TableReport>> CountTargetAsync(CopyPlan plan, List<TableReport> reports, HashSet<string> notCreated, TargetLanes lanes, CancellationToken ct)
    {
        var counted = reports.Where(r => !notCreated.Contains(r.Table) && !options.Incremental).ToList();
        var inTarget = await lanes.RunAsync(counted, (report, database, token) =>
            RowCount.OfAsync(database, plan.Tables.First(t => t.Target.Name == report.Table).Target, token), ct).ConfigureAwait(false);
        var held = counted.Select((r, i) => (r.Table, Rows: inTarget[i])).ToDictionary(x => x.Table, x => x.Rows, StringComparer.Ordinal);
        var result = new List<TableReport>();
        foreach (var report in reports)
        {
            if (!held.TryGetValue(report.Table, out var rows))
            {
                result.Add(report);
                continue;
            }
            if (options.IfExists != IfExists.Append && rows != report.Written)
                _problems.Add($"{report.Table}: Ferry wrote {report.Written:N0} rows but the target holds {rows:N0}.");
            result.Add(report with { TargetRows = rows });
        }
        return result;
    }
}

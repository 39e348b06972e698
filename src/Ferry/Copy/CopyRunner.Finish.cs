using Ferry.Engines;

namespace Ferry.Copy;

/// <summary>The end of a copy: every table counted by the target itself.</summary>
public sealed partial class CopyRunner
{
    private async Task<List<TableReport>> CountTargetAsync(CopyPlan plan, List<TableReport> reports, HashSet<string> notCreated, CancellationToken ct)
    {
        var counted = new List<TableReport>();
        foreach (var report in reports)
        {
            if (notCreated.Contains(report.Table) || options.Incremental)
            {
                counted.Add(report);
                continue;
            }
            var inTarget = await RowCount.OfAsync(target, plan.Tables.First(t => t.Target.Name == report.Table).Target, ct).ConfigureAwait(false);
            if (options.IfExists != IfExists.Append && inTarget != report.Written)
                _problems.Add($"{report.Table}: Ferry wrote {report.Written:N0} rows but the target holds {inTarget:N0}.");
            counted.Add(report with { TargetRows = inTarget });
        }
        return counted;
    }
}

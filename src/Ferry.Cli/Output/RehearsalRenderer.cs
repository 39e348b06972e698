using Ferry.Migrations.Rehearse;

namespace Ferry.Cli.Output;

/// <summary>What <c>ferry migrate rehearse</c> prints: the copy, each migration with its time, each table before and after, and the verdict.</summary>
public static class RehearsalRenderer
{
    public static int Report(string target, string scratch, RehearsalReport report)
    {
        Console.Out.WriteLine($"copied {target} into {scratch} in {Ms(report.CopyElapsed)}");
        foreach (var problem in report.CopyProblems) Console.Out.WriteLine($"  copy problem: {problem}");
        foreach (var finding in report.Findings)
            Console.Out.WriteLine($"  lint: {finding.Sentence}{(finding.Acknowledged ? " (acknowledged)" : "")}");
        foreach (var done in report.Run.Done) Console.Out.WriteLine($"applied {done.Migration.Name} in {Ms(done.Elapsed)}");
        if (report.Run.Failure is { } f)
            Console.Out.WriteLine($"{Connections.SecretMasker.Scrub(f.Sentence)}{(f.RolledBack ? "; rolled back" : "")}");
        var width = report.Tables.Select(t => t.Table.Length).DefaultIfEmpty(5).Max();
        foreach (var t in report.Tables)
        {
            var state = t.Problem ?? (t.RowsBefore is null ? "added" : t.RowsAfter is null ? "dropped" : t.Touched ? "named by a migration" : "kept");
            Console.Out.WriteLine($"  {t.Table.PadRight(width)}  {Rows(t.RowsBefore),10} -> {Rows(t.RowsAfter),-10}  {state}");
        }
        var count = report.Run.Done.Count;
        var verdict = report.Succeeded ? "rehearsal passed" : "rehearsal failed";
        Console.Out.WriteLine($"{verdict}: {count} of {report.Attempted.Count} migration{(report.Attempted.Count == 1 ? "" : "s")} applied in {Ms(report.Run.Elapsed)}, {Ms(report.Elapsed)} in all; {target} was only read");
        return report.Succeeded ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static string Rows(long? rows) => rows?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "-";

    private static string Ms(TimeSpan elapsed) => $"{elapsed.TotalMilliseconds:0} ms";
}

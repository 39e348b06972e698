using Ferry.Migrations.Lint;

namespace Ferry.Cli.Output;

/// <summary>What <c>ferry migrate lint</c> prints: a line per finding, then a total; exit 1 while any is unacknowledged.</summary>
public static class LintRenderer
{
    public static int Findings(int migrations, IReadOnlyList<LintFinding> findings)
    {
        foreach (var f in findings)
            Console.Out.WriteLine(f.Sentence + (f.Acknowledged ? $" (acknowledged by -- ferry:allow {f.Rule})" : ""));
        var open = findings.Count(f => !f.Acknowledged);
        Console.Out.WriteLine($"{findings.Count} finding{(findings.Count == 1 ? "" : "s")} in {migrations} pending migration{(migrations == 1 ? "" : "s")}, {open} not acknowledged");
        if (open == 0) return ExitCodes.Ok;
        Console.Error.WriteLine($"ferry: 'ferry migrate up' refuses {(open == 1 ? "this change" : "these changes")} until the file says it is meant: add '-- ferry:allow RULE' at its top.");
        return ExitCodes.Failed;
    }
}

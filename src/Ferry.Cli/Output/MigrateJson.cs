using Ferry.Migrations;
using Ferry.Migrations.Lint;
using Ferry.Migrations.Rehearse;

namespace Ferry.Cli.Output;

/// <summary>
/// What <c>ferry migrate … --json</c> prints: one object per run, in the shapes below, so a script reads the
/// same fields whatever the subcommand (times in milliseconds, states and rules as the text output spells them).
/// </summary>
public static class MigrateJson
{
    public sealed record Entry(string Version, string Name, string State, string? AppliedAt, string? Failure);

    public sealed record Done(string Name, long Ms, bool ByAnotherRun);

    public sealed record Failed(string File, int Statement, int Statements, string Excerpt, string Error, bool RolledBack);

    public sealed record Finding(string File, int Statement, string Rule, string Message, bool Acknowledged);

    public static void Status(string url, TableName history, MigrationPlan plan) => Json.Write(Console.Out, new
    {
        url, directory = plan.Set.Directory, format = plan.Set.Format, history = history.ToString(), valid = plan.Valid,
        migrations = Entries(plan),
    });

    public static int Validate(MigrationPlan plan)
    {
        Json.Write(Console.Out, new
        {
            valid = plan.Valid, directory = plan.Set.Directory, pending = plan.In(MigrationState.Pending).Count(),
            problems = Entries(plan).Where(e => e.State is not ("applied" or "pending")).ToList(),
        });
        return plan.Valid ? ExitCodes.Ok : ExitCodes.Failed;
    }

    public static void DryRun(IReadOnlyList<Migration> migrations) => Json.Write(Console.Out, new
    {
        dryRun = true,
        migrations = migrations.Select(m => new { name = m.Name, file = m.File, inTransaction = m.InTransaction, statements = m.Statements }).ToList(),
    });

    /// <summary>An up or down run: what it did, and where it stopped; the exit code as the text output gives it.</summary>
    public static int Result(MigrationRunResult result)
    {
        var f = result.Failure;
        Json.Write(Console.Out, new
        {
            succeeded = result.Succeeded,
            migrations = result.Done.Select(d => new Done(d.Migration.Name, Ms(d.Elapsed), d.ByAnotherRun)).ToList(),
            elapsedMs = Ms(result.Elapsed),
            failure = f is null ? null : FailedOf(f),
        });
        return f is null ? ExitCodes.Ok : ExitCodes.For(f.Error.Kind);
    }

    public static int Lint(int migrations, IReadOnlyList<LintFinding> findings)
    {
        var open = findings.Count(f => !f.Acknowledged);
        Json.Write(Console.Out, new { migrations, unacknowledged = open, findings = Findings(findings) });
        return open == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    public static int Rehearsal(string target, string scratch, RehearsalReport report)
    {
        var f = report.Run.Failure;
        Json.Write(Console.Out, new
        {
            target, scratch, succeeded = report.Succeeded, copyMs = Ms(report.CopyElapsed), copyProblems = report.CopyProblems,
            migrations = report.Attempted.Select(m =>
                report.Run.Done.FirstOrDefault(d => d.Migration == m) is { } done
                    ? new { name = m.Name, outcome = "applied", ms = (long?)Ms(done.Elapsed), failure = (Failed?)null }
                    : f is not null && f.Migration == m
                        ? new { name = m.Name, outcome = "failed", ms = (long?)null, failure = (Failed?)FailedOf(f) }
                        : new { name = m.Name, outcome = "not run", ms = (long?)null, failure = (Failed?)null }).ToList(),
            migrationsMs = Ms(report.Run.Elapsed),
            tables = report.Tables,
            findings = Findings(report.Findings),
            elapsedMs = Ms(report.Elapsed),
        });
        return report.Succeeded ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static Failed FailedOf(MigrationFailure f) =>
        new(f.File, f.Statement, f.Statements, f.Excerpt, Connections.SecretMasker.Scrub(f.Error.Server?.Text ?? f.Error.Message), f.RolledBack);

    private static List<Finding> Findings(IReadOnlyList<LintFinding> findings) =>
        findings.Select(f => new Finding(f.File, f.Statement, f.Rule, f.Message, f.Acknowledged)).ToList();

    private static List<Entry> Entries(MigrationPlan plan) =>
        plan.Entries.Select(e => new Entry(e.Migration?.Version ?? e.Order.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Name,
            MigrateRenderer.Word(e.State), e.Row?.AppliedAt, e.Failure?.Error)).ToList();

    private static long Ms(TimeSpan elapsed) => (long)elapsed.TotalMilliseconds;
}

using Ferry.Migrations;

namespace Ferry.Cli.Output;

/// <summary>What <c>ferry migrate</c> prints: one line per migration, a total, and a failure told in one sentence on stderr.</summary>
public static class MigrateRenderer
{
    public static void Applied(MigrationOutcome outcome) =>
        Console.Out.WriteLine(outcome.ByAnotherRun
            ? $"skipped {outcome.Migration.Name}: another run applied it meanwhile"
            : $"applied {outcome.Migration.Name} in {Ms(outcome.Elapsed)}");

    public static void Undone(MigrationOutcome outcome) =>
        Console.Out.WriteLine(outcome.ByAnotherRun
            ? $"skipped {outcome.Migration.Name}: another run undid it meanwhile"
            : $"undid {outcome.Migration.Name} in {Ms(outcome.Elapsed)}");

    /// <summary>The total line ("applied 3 migrations in 412 ms"), or the failure; the exit code either way.</summary>
    public static int Result(MigrationRunResult result, string verb)
    {
        var count = result.Done.Count(d => !d.ByAnotherRun);
        if (result.Failure is not { } f)
        {
            Console.Out.WriteLine($"{verb} {count} migration{(count == 1 ? "" : "s")} in {Ms(result.Elapsed)}");
            return ExitCodes.Ok;
        }
        if (count > 0) Console.Out.WriteLine($"{verb} {count} migration{(count == 1 ? "" : "s")} before the failure");
        var kept = f.RolledBack ? "it was rolled back and nothing of it stays"
            : $"{PartlyRun.Describe(f.Statement)} (no transaction); 'ferry migrate status' shows it as failed";
        return ErrorReporter.Report(Errors.FerryException.Restated(f.Error, $"{f.Sentence}; {kept}."), Console.Error);
    }

    /// <summary>The warnings, then each file written, or "no changes" when the schema is already what the migrations make.</summary>
    public static void Generated(Migrations.Generate.GeneratedMigration result)
    {
        foreach (var warning in result.Changes.Warnings) Console.Out.WriteLine("warning: " + warning);
        if (result.Changes.None)
        {
            Console.Out.WriteLine("no changes: the migrations already make this schema; nothing was written");
            return;
        }
        foreach (var file in result.Files) Console.Out.WriteLine($"created {file}");
        var count = result.Up.Count;
        Console.Out.WriteLine($"{result.Changes.Changes.Count} change{(result.Changes.Changes.Count == 1 ? "" : "s")}, {count} statement{(count == 1 ? "" : "s")}; " +
            (result.Format == MigrationFormat.Drizzle
                ? "drizzle-kit folders have no down part, and drizzle-kit's own snapshot (meta/*_snapshot.json) was not written"
                : $"the down part has {result.Down.Count} statement{(result.Down.Count == 1 ? "" : "s")}"));
    }

    public static void DryRun(IReadOnlyList<Migration> migrations)
    {
        foreach (var m in migrations)
        {
            Console.Out.WriteLine($"-- {Path.GetFileName(m.File)}{(m.InTransaction ? "" : " (no transaction)")}");
            foreach (var statement in m.Statements) Console.Out.WriteLine(statement.TrimEnd().TrimEnd(';') + ";");
            Console.Out.WriteLine();
        }
        Console.Out.WriteLine($"would apply {migrations.Count} migration{(migrations.Count == 1 ? "" : "s")}; nothing was changed");
    }

    public static void Status(string url, TableName table, MigrationPlan plan)
    {
        Console.Out.WriteLine($"{url}: {plan.Set.Directory} ({plan.Set.Format}), history in {table}");
        foreach (var e in plan.Entries)
        {
            var when = e.Row?.AppliedAt is { } at ? "  " + at : "";
            Console.Out.WriteLine($"  {Word(e.State),-12} {e.Name}{when}");
        }
        var counts = Enum.GetValues<MigrationState>().Select(s => (s, n: plan.In(s).Count())).Where(c => c.n > 0).Select(c => $"{c.n} {Word(c.s)}");
        Console.Out.WriteLine(plan.Entries.Count == 0 ? "no migrations" : string.Join(", ", counts));
        Problems(plan);
    }

    /// <summary>Each migration that needs a person's attention, and what to do about it, on stderr.</summary>
    public static void Problems(MigrationPlan plan)
    {
        foreach (var e in plan.Entries)
        {
            var problem = e.State switch
            {
                MigrationState.Changed => $"{e.Name} has changed since it was applied: restore the file and put the change in a new migration.",
                MigrationState.Missing => $"{e.Name} is recorded as applied, but no file in the folder is it.",
                MigrationState.OutOfOrder => $"{e.Name} was never applied, yet is older than the newest applied one: drizzle-orm would skip it; 'ferry migrate up --allow-out-of-order' applies it.",
                MigrationState.Failed => $"{e.Name} failed at statement {e.Failure!.Statement} of {e.Failure.Statements}" +
                    (e.FailedStatement is { } text ? $" ({text})" : "") + $": {e.Failure.Error.TrimEnd('.')}. " +
                    $"Of it, {PartlyRun.Describe(e.Failure.Statement)}: undo what ran or make the file safe to re-run, then 'ferry migrate up --retry-failed'.",
                _ => null,
            };
            if (problem is not null) Console.Error.WriteLine("ferry: " + Ferry.Connections.SecretMasker.Scrub(problem));
        }
    }

    public static string Word(MigrationState state) => state switch
    {
        MigrationState.OutOfOrder => "out-of-order",
        _ => state.ToString().ToLowerInvariant(),
    };

    private static string Ms(TimeSpan elapsed) => $"{elapsed.TotalMilliseconds:0} ms";
}

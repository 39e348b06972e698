using System.Globalization;
using Ferry.Connections;
using Ferry.Copy;
using Ferry.Engines;
using Spectre.Console;

namespace Ferry.Cli.Output;

/// <summary>The plan (--dry-run) and the final report of <c>ferry copy</c>, for people or as JSON.</summary>
public static class CopyRenderer
{
    public static void Plan(CopyPlan plan, bool json)
    {
        if (json)
        {
            Json.Write(Console.Out, new
            {
                source = plan.SourceEngine,
                target = plan.TargetEngine,
                tables = plan.Tables.Select(t => new
                {
                    name = t.Target.Name,
                    rows = t.Source.RowCount,
                    columns = t.Written.Columns.Zip(t.Choices, (c, choice) => new { name = c.Name, type = c.DeclaredType, evidence = choice.Evidence, refuse = choice.RowsToRefuse }),
                }),
                steps = plan.Steps.Select(s => new { kind = s.Kind.ToString(), table = s.Table, @object = s.Object, sql = s.Sql, afterLoad = s.AfterLoad, onFailure = s.OnFailure.ToString(), fallback = s.Fallback?.Sql, refusal = s.Refusal }),
                warnings = plan.Warnings,
            });
            return;
        }
        var console = Consoles.Out;
        console.MarkupLine($"[bold]Plan:[/] {plan.SourceEngine.Display()} → {plan.TargetEngine.Display()}, {plan.Tables.Count} tables in this order: {Markup.Escape(string.Join(", ", plan.Tables.Select(t => t.Target.Name)))}");
        for (var i = 0; i < plan.Tables.Count; i++)
        {
            var table = plan.Tables[i];
            console.WriteLine();
            console.MarkupLine($"[bold]{Markup.Escape(table.Target.Name)}[/] — {table.Source.RowCount?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"} rows");
            var grid = new Table().Border(TableBorder.Simple).AddColumn("Column").AddColumn("Source").AddColumn("Target").AddColumn("Why");
            for (var c = 0; c < table.Written.Columns.Count; c++)
            {
                var choice = table.Choices[c];
                grid.AddRow(Markup.Escape(table.Written.Columns[c].Name), Markup.Escape(table.Source.Columns[c].DeclaredType),
                    Markup.Escape(table.Written.Columns[c].DeclaredType),
                    Markup.Escape(choice.Evidence + (choice.RowsToRefuse > 0 ? $" — {choice.RowsToRefuse:N0} rows will be refused" : "")));
            }
            console.Write(grid);
        }
        Steps(plan);
        Warnings(plan.Warnings, []);
    }

    /// <summary>The plan's DDL steps, numbered, exactly as the copy runs them; the load comes between the tables and the rest.</summary>
    private static void Steps(CopyPlan plan)
    {
        var console = Consoles.Out;
        console.WriteLine();
        console.MarkupLine($"[bold]Steps[/] ({plan.Steps.Count}):");
        var loadShown = false;
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            if (step.AfterLoad && !loadShown)
            {
                console.MarkupLine("[dim]-- the rows of every table are loaded here[/]");
                loadShown = true;
            }
            // A table, a view and a foreign key name their table already; a schema, a type and a function are no table's.
            var on = step.Kind is Ferry.Ddl.StepKind.CreateTable or Ferry.Ddl.StepKind.CreateView or Ferry.Ddl.StepKind.AddForeignKey
                or Ferry.Ddl.StepKind.CreateSchema or Ferry.Ddl.StepKind.CreateType or Ferry.Ddl.StepKind.CreateFunction ? "" : $" on {step.Table}";
            console.MarkupLine(Markup.Escape(FormattableString.Invariant($"-- {i + 1}. {step.Object}{on} (if refused: {Refused(step.OnFailure)})")));
            if (step.Refusal is { } refusal)
            {
                console.MarkupLine(Markup.Escape($"-- not run: {refusal}"));
                continue;
            }
            console.WriteLine(step.Sql + ";");
            if (step.Fallback is { } fallback)
            {
                console.WriteLine($"-- if refused, instead: {fallback.Object}");
                console.WriteLine(fallback.Sql + ";");
            }
        }
    }

    private static string Refused(Ferry.Ddl.StepFailure failure) => failure switch
    {
        Ferry.Ddl.StepFailure.SkipTable => "the table and its rows are left out",
        Ferry.Ddl.StepFailure.Problem => "left out, and the copy fails",
        _ => "left out with a warning",
    };

    /// <param name="verified">The content verification that followed the copy (--verify), if one did.</param>
    public static void Report(string from, string to, CopyReport report, bool json, Ferry.Verify.VerifyReport? verified = null)
    {
        if (json)
        {
            Json.Write(Console.Out, new
            {
                source = from,
                target = to,
                ok = report.Problems.Count == 0,
                seconds = Math.Round(report.Elapsed.TotalSeconds, 3),
                read = report.Read,
                written = report.Written,
                refused = report.Refused,
                conflicts = report.Conflicts,
                tables = report.Tables.Select(t => new { table = t.Table, read = t.Read, written = t.Written, refused = t.Refused, notCopied = t.NotCopied, conflicts = t.Conflicts, targetRows = t.TargetRows, seconds = Math.Round(t.Elapsed.TotalSeconds, 3), rowsPerSecond = Math.Round(t.RowsPerSecond) }),
                steps = report.Steps.Select(o => new { kind = o.Step.Kind.ToString(), table = o.Step.Table, @object = o.Step.Object, status = o.Status.ToString(), code = o.Code, error = o.Error, sql = o.Step.Sql }),
                warnings = report.Warnings,
                problems = report.Problems,
                verify = verified is null ? null : new
                {
                    same = verified.Same,
                    sameContent = verified.SameContent,
                    seconds = Math.Round(verified.Elapsed.TotalSeconds, 3),
                    tables = verified.Tables.Select(t => new { table = t.Table, status = t.Status.ToString(), sourceRows = t.SourceRows, targetRows = t.TargetRows, sourceChecksum = t.SourceChecksum, targetChecksum = t.TargetChecksum, schema = t.Schema.Select(s => s.Text) }),
                },
            });
            return;
        }
        var console = Consoles.Out;
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Table")
            .AddColumn(new TableColumn("Read").RightAligned()).AddColumn(new TableColumn("Written").RightAligned())
            .AddColumn(new TableColumn("Refused").RightAligned()).AddColumn(new TableColumn("Key conflicts").RightAligned()).AddColumn(new TableColumn("In target").RightAligned())
            .AddColumn(new TableColumn("Time").RightAligned()).AddColumn(new TableColumn("Rows/s").RightAligned());
        foreach (var t in report.Tables)
            table.AddRow(Markup.Escape(t.Table), N(t.Read), N(t.Written), N(t.Refused), N(t.Conflicts), t.TargetRows is { } n ? N(n) : "—",
                t.Elapsed.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture), N((long)t.RowsPerSecond));
        console.Write(table);
        console.MarkupLine(Markup.Escape(FormattableString.Invariant($"{from} → {to}: {report.Written:N0} of {report.Read:N0} rows in {report.Elapsed.TotalSeconds:0.0} s")
            + (report.Refused > 0 ? FormattableString.Invariant($", {report.Refused:N0} refused") : "")
            + (report.Conflicts > 0 ? FormattableString.Invariant($", {report.Conflicts:N0} met existing keys") : "")));
        Warnings(report.Warnings, report.Problems);
        if (verified is null) return;
        var differing = verified.Tables.Where(t => t.Status != Ferry.Verify.TableStatus.Same || t.Schema.Any(s => s.AboutContent)).Select(t => t.Table).ToList();
        console.MarkupLine(differing.Count == 0
            ? Markup.Escape(FormattableString.Invariant($"verified: every table's content checksum is the same on both sides ({verified.Elapsed.TotalSeconds:0.0} s)"))
            : "[red]verify:[/] " + Markup.Escape($"the content differs in {string.Join(", ", differing)}; run ferry verify to see the rows"));
        // The shape the copy could not give the target (a check in another dialect, a unique key refused): said, not judged,
        // since the copy's own warnings gave the reason; the exit code follows the content.
        foreach (var t in verified.Tables)
            foreach (var s in t.Schema.Where(s => !s.AboutContent)) console.MarkupLine("[yellow]verify:[/] " + Markup.Escape($"{t.Table}: {s.Text}"));
    }

    public static void Warnings(IReadOnlyList<string> warnings, IReadOnlyList<string> problems)
    {
        foreach (var w in warnings) Consoles.Out.MarkupLine("[yellow]warning:[/] " + Markup.Escape(w));
        foreach (var p in problems) Consoles.Out.MarkupLine("[red]problem:[/] " + Markup.Escape(p));
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}

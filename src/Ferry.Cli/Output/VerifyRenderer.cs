using System.Globalization;
using Ferry.Verify;
using Spectre.Console;

namespace Ferry.Cli.Output;

/// <summary>The report of <c>ferry verify</c>: a line per table, then each listed difference, for people or as JSON.</summary>
public static class VerifyRenderer
{
    public static void Report(string from, string to, VerifyReport report, bool json)
    {
        if (json)
        {
            Json.Write(Console.Out, new
            {
                source = from,
                target = to,
                same = report.Same,
                sameContent = report.SameContent,
                level = report.Level.ToString().ToLowerInvariant(),
                seconds = Math.Round(report.Elapsed.TotalSeconds, 3),
                tables = report.Tables.Select(t => new
                {
                    table = t.Table, status = t.Status.ToString(), sourceRows = t.SourceRows, targetRows = t.TargetRows,
                    sourceChecksum = t.SourceChecksum, targetChecksum = t.TargetChecksum, differences = t.Differences,
                    schema = t.Schema.Select(s => new { part = s.Part.ToString(), @object = s.Object, source = s.Source, target = s.Target, text = s.Text }), note = t.Note, roundTrips = t.RoundTrips,
                    rowsRead = t.RowsRead,
                    seconds = Math.Round(t.Elapsed.TotalSeconds, 3),
                    listed = t.Listed.Select(d => new { key = d.Key, kind = d.Kind.ToString(), column = d.Column, source = d.Source, target = d.Target }),
                }),
            });
            return;
        }
        var console = Consoles.Out;
        var grid = new Table().Border(TableBorder.Rounded).AddColumn("Table")
            .AddColumn(new TableColumn("Source rows").RightAligned()).AddColumn(new TableColumn("Target rows").RightAligned())
            .AddColumn("Status").AddColumn(new TableColumn("Differences").RightAligned()).AddColumn(new TableColumn("Time").RightAligned());
        foreach (var t in report.Tables)
            grid.AddRow(Markup.Escape(t.Table), N(t.SourceRows), N(t.TargetRows), Status(t), N(t.Differences),
                t.Elapsed.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture));
        console.Write(grid);
        foreach (var t in report.Tables)
        {
            foreach (var s in t.Schema) console.MarkupLine(Markup.Escape($"{t.Table}: {s.Text}"));
            foreach (var d in t.Listed) console.MarkupLine(Markup.Escape(Describe(d)));
            if (t.Differences is { } n && n > t.Listed.Count)
                console.MarkupLine(Markup.Escape(FormattableString.Invariant($"{t.Table}: {n - t.Listed.Count:N0} more differences not listed (--max-diffs)")));
            if (t.Status == TableStatus.Differs && t.Differences is null)
                console.MarkupLine(Markup.Escape(t.Note is not null ? $"{t.Table}: the content differs; {t.Note}"
                    : report.Level == VerifyLevel.Rows ? $"{t.Table}: the content differs; the table has no primary key, so the rows cannot be named"
                    : $"{t.Table}: the content differs"));
            else if (t.Note is not null)
                console.MarkupLine(Markup.Escape($"{t.Table}: {t.Note}"));
        }
        console.MarkupLine(Markup.Escape(FormattableString.Invariant($"{from} ↔ {to}: ")
            + (report.Same ? "the same" : report.SameContent ? "the same rows; their shapes differ" : "they differ") + FormattableString.Invariant($" ({report.Tables.Count} tables, {report.Level.ToString().ToLowerInvariant()}, {report.Elapsed.TotalSeconds:0.0} s, {report.Tables.Sum(t => t.RoundTrips ?? 0):N0} round trips)")));
    }

    /// <summary>One sentence per difference, naming table, key and column.</summary>
    public static string Describe(RowDifference d) => d.Kind switch
    {
        DifferenceKind.Missing => $"{d.Table} {d.Key}: missing from the target",
        DifferenceKind.Extra => $"{d.Table} {d.Key}: only in the target",
        DifferenceKind.Refused => $"{d.Table} {d.Key}.{d.Column}: the source holds {d.Source}, which the target's type cannot hold; the target holds {d.Target}",
        _ => $"{d.Table} {d.Key}.{d.Column}: the source holds {d.Source}, the target {d.Target}",
    };

    private static string Status(TableVerdict t) => t.Status switch
    {
        TableStatus.Same when t.Schema.Count > 0 => "[yellow]same rows, other shape[/]",
        TableStatus.Same => "[green]same[/]",
        TableStatus.Differs => "[red]differs[/]",
        TableStatus.OnlyInSource => "[red]only in the source[/]",
        _ => "[red]only in the target[/]",
    };

    private static string N(long? n) => n?.ToString("N0", CultureInfo.InvariantCulture) ?? "—";
}

using System.Globalization;
using Ferry.Sync;
using Spectre.Console;

namespace Ferry.Cli.Output;

/// <summary>Each run of <c>ferry sync</c>: per table the window read, rows inserted, updated and deleted, and the watermark taken.</summary>
public static class SyncRenderer
{
    public static void Report(string source, string target, SyncReport report, bool json, int run)
    {
        if (json)
        {
            // One object per line, so --follow's runs can be read as they come.
            Json.WriteLine(Console.Out, new
            {
                run,
                source,
                target,
                elapsedMs = (long)report.Elapsed.TotalMilliseconds,
                tables = report.Tables,
                warnings = report.Warnings,
                problems = report.Problems,
            });
            return;
        }
        var console = Consoles.Out;
        var grid = new Table().Border(TableBorder.Simple)
            .AddColumn("Table").AddColumn("Window").AddColumn(new TableColumn("Read").RightAligned())
            .AddColumn(new TableColumn("Written").RightAligned())
            .AddColumn(new TableColumn("Deleted").RightAligned()).AddColumn("Watermark now");
        foreach (var t in report.Tables)
            grid.AddRow(Markup.Escape(t.Table), Markup.Escape(t.Window), N(t.Read), N(t.Written),
                t.Deleted is { } d ? N(d) : "-", Markup.Escape(t.Mark));
        console.MarkupLine($"[bold]Sync {run}[/] {Markup.Escape(source)} → {Markup.Escape(target)} in {report.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
        console.Write(grid);
        if (report.Tables.Any(t => t.Deleted is null))
            console.MarkupLine("[grey]A watermark cannot see deleted rows; --detect-deletes compares keys and deletes them.[/]");
        CopyRenderer.Warnings(report.Warnings, report.Problems);
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}

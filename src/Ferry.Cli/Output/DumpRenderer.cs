using System.Globalization;
using Ferry.Dump;
using Spectre.Console;

namespace Ferry.Cli.Output;

/// <summary>What <c>ferry dump</c> wrote: the archive, each table's rows and stored size, and what it carries beside them.</summary>
public static class DumpRenderer
{
    public static void Report(string source, DumpReport report, bool json)
    {
        if (json)
        {
            Json.Write(Console.Out, new
            {
                source,
                archive = report.Path,
                bytes = report.Bytes,
                elapsedMs = (long)report.Elapsed.TotalMilliseconds,
                tables = report.Tables.Select(t => new { table = t.QualifiedName, rows = t.Rows, bytes = t.Length, sha256 = t.Sha256 }),
                notes = report.Notes,
            });
            return;
        }
        var console = Consoles.Out;
        var grid = new Table().Border(TableBorder.Simple)
            .AddColumn("Table").AddColumn(new TableColumn("Rows").RightAligned()).AddColumn(new TableColumn("Stored").RightAligned()).AddColumn("SHA-256");
        foreach (var t in report.Tables)
            grid.AddRow(Markup.Escape(t.QualifiedName), t.Rows.ToString("N0", CultureInfo.InvariantCulture), Sizes.Human(t.Length), t.Sha256[..16] + "…");
        console.MarkupLine($"[bold]Dumped[/] {Markup.Escape(source)} → {Markup.Escape(report.Path)} ({Sizes.Human(report.Bytes)}) in {report.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
        console.Write(grid);
        foreach (var note in report.Notes) console.MarkupLine(Markup.Escape(note));
        console.MarkupLine($"[grey]Restore it with: ferry restore {Markup.Escape(report.Path)} TARGET_URL[/]");
    }
}

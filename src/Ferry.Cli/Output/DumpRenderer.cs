using System.Globalization;
using Ferry.Dump;
using Spectre.Console;

namespace Ferry.Cli.Output;

/// <summary>What <c>ferry dump</c> wrote: the archive, each table's rows and stored size, and what it carries beside them.</summary>
public static class DumpRenderer
{
    /// <param name="check">The archive read back whole, with --verify.</param>
    public static void Report(string source, DumpReport report, bool json, ArchiveCheck.Result? check)
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
                verified = check is null ? null : new { whole = true, elapsedMs = (long)check.Elapsed.TotalMilliseconds },
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
        if (check is not null) Checked(report.Path, check, json: false);
        console.MarkupLine($"[grey]Restore it with: ferry restore {Markup.Escape(report.Path)} TARGET_URL[/]");
    }
    /// <summary>An archive read whole (<c>ferry backup verify</c>, <c>ferry dump --verify</c>).</summary>
    public static void Checked(string path, ArchiveCheck.Result result, bool json)
    {
        var m = result.Manifest;
        if (json)
        {
            Json.Write(Console.Out, new
            {
                archive = path,
                whole = true,
                source = m.Source,
                createdAt = m.CreatedAt,
                bytes = result.Bytes,
                tables = m.Tables.Select(t => new { table = t.QualifiedName, rows = t.Rows, sha256 = t.Sha256 }),
                elapsedMs = (long)result.Elapsed.TotalMilliseconds,
            });
            return;
        }
        Consoles.Out.MarkupLine($"[green]{Markup.Escape(path)} is whole:[/] {m.Tables.Count} table{(m.Tables.Count == 1 ? "" : "s")}, {m.Tables.Sum(t => t.Rows).ToString("N0", CultureInfo.InvariantCulture)} rows, " +
            $"every checksum and row count as written ({Markup.Escape(m.Source)}, dumped {m.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC; read in {result.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s).");
    }
    /// <summary><c>ferry backup list</c>: a row an archive, oldest first; one that is not whole says why.</summary>
    public static void Listed(IReadOnlyList<BackupFolder.Entry> entries, bool json)
    {
        if (json)
        {
            Json.Write(Console.Out, entries.Select(e => new
            {
                archive = e.Path,
                bytes = e.Bytes,
                createdAt = e.Manifest?.CreatedAt,
                source = e.Manifest?.Source,
                tables = e.Manifest?.Tables.Count,
                rows = e.Manifest?.Tables.Sum(t => t.Rows),
                problem = e.Problem,
            }));
            return;
        }
        var grid = new Table().Border(TableBorder.Simple).AddColumn("Archive").AddColumn("Made (UTC)").AddColumn("Source")
            .AddColumn(new TableColumn("Tables").RightAligned()).AddColumn(new TableColumn("Rows").RightAligned()).AddColumn(new TableColumn("Size").RightAligned());
        foreach (var e in entries)
            grid.AddRow(Markup.Escape(Path.GetFileName(e.Path)),
                e.Manifest is { } m ? m.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "[red]not whole[/]",
                Markup.Escape(e.Manifest?.Source ?? e.Problem ?? ""),
                e.Manifest?.Tables.Count.ToString(CultureInfo.InvariantCulture) ?? "",
                e.Manifest?.Tables.Sum(t => t.Rows).ToString("N0", CultureInfo.InvariantCulture) ?? "",
                Sizes.Human(e.Bytes));
        Consoles.Out.Write(grid);
        if (entries.Count == 0) Consoles.Out.MarkupLine("[grey]No archives here.[/]");
    }

    /// <summary><c>ferry backup prune</c>: what was deleted, or would be.</summary>
    public static void Pruned(IReadOnlyList<BackupFolder.Entry> removed, bool dryRun, bool json)
    {
        if (json)
        {
            Json.Write(Console.Out, new { dryRun, deleted = removed.Select(e => new { archive = e.Path, createdAt = e.Manifest!.CreatedAt, bytes = e.Bytes }) });
            return;
        }
        var verb = dryRun ? "Would delete" : "Deleted";
        foreach (var e in removed)
            Consoles.Out.MarkupLine($"{verb} {Markup.Escape(e.Path)} (made {e.Manifest!.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, {Sizes.Human(e.Bytes)})");
        Consoles.Out.MarkupLine(removed.Count == 0 ? "Nothing to delete." : $"{verb} {removed.Count} archive{(removed.Count == 1 ? "" : "s")}, {Sizes.Human(removed.Sum(e => e.Bytes))}.");
    }
}

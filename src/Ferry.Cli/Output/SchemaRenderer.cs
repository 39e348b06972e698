using System.Globalization;
using Ferry.Connections;
using Ferry.Schema;
using Spectre.Console;

namespace Ferry.Cli.Output;

/// <summary>
/// Draws <c>ferry inspect</c> for people: a summary of all tables, then each table's columns, keys,
/// indexes and foreign keys. Every name is escaped: table names are data, not markup.
/// </summary>
public static class SchemaRenderer
{
    public static void Render(string where, DatabaseSchema schema)
    {
        var console = Consoles.Out;
        var header = $"[bold]{Markup.Escape(where)}[/] — {schema.Engine.Display()} {Markup.Escape(schema.ServerVersion)}, " +
                     $"{schema.Tables.Count} tables, {Sizes.Human(schema.SizeBytes)}";
        if (schema.OpenConnections is { } connections) header += $", {connections} open connections";
        console.MarkupLine(header);

        var summary = new Spectre.Console.Table().Border(TableBorder.Rounded)
            .AddColumn("Table").AddColumn(new TableColumn("Rows").RightAligned()).AddColumn(new TableColumn("Size").RightAligned())
            .AddColumn(new TableColumn("Columns").RightAligned()).AddColumn(new TableColumn("Indexes").RightAligned())
            .AddColumn(new TableColumn("Foreign keys").RightAligned());
        foreach (var table in schema.Tables)
            summary.AddRow(Markup.Escape(table.QualifiedName), Count(table.RowCount), Sizes.Human(table.SizeBytes),
                Count(table.Columns.Count), Count(table.Indexes.Count), Count(table.ForeignKeys.Count));
        console.Write(summary);

        foreach (var table in schema.Tables) RenderTable(console, table);

        if (schema.Views.Count > 0) console.MarkupLine("[bold]Views:[/] " + string.Join(", ", schema.Views.Select(v => Markup.Escape(v.Name))));
        if (schema.Triggers.Count > 0) console.MarkupLine("[bold]Triggers:[/] " + string.Join(", ", schema.Triggers.Select(t => Markup.Escape($"{t.Name} on {t.Table}"))));
        if (schema.Sequences.Count > 0)
            console.MarkupLine("[bold]Sequences:[/] " + string.Join(", ", schema.Sequences.Select(s => Markup.Escape($"{s.Name} = {s.LastValue?.ToString(CultureInfo.InvariantCulture) ?? "unused"}"))));
    }

    private static void RenderTable(IAnsiConsole console, Schema.Table table)
    {
        console.WriteLine();
        console.MarkupLine($"[bold]{Markup.Escape(table.QualifiedName)}[/] — {Count(table.RowCount)} rows, {Sizes.Human(table.SizeBytes)}" +
                           (table.WithoutRowId ? ", WITHOUT ROWID" : ""));
        var columns = new Spectre.Console.Table().Border(TableBorder.Simple)
            .AddColumn("Column").AddColumn("Type").AddColumn("Null").AddColumn("Default").AddColumn("Key");
        foreach (var column in table.Columns)
        {
            columns.AddRow(
                Markup.Escape(column.Name),
                Markup.Escape(column.DeclaredType.Length > 0 ? column.DeclaredType : "(none)") + $" [grey]{column.Type}[/]",
                column.Nullable ? "yes" : "no",
                Markup.Escape(column.GeneratedExpression is { } g ? $"AS ({g})" + (column.GeneratedStored ? " STORED" : "") : column.Default ?? ""),
                Markup.Escape(KeyText(table, column)));
        }
        console.Write(columns);
        foreach (var index in table.Indexes.Where(i => !i.BacksConstraint))
            console.MarkupLine(Markup.Escape($"  index {index.Name}{(index.Unique ? " (unique)" : "")} on ({string.Join(", ", index.Columns.Select(c => c ?? "<expression>"))})" +
                                             (index.Predicate is null ? "" : $" where {index.Predicate}")));
        foreach (var unique in table.Uniques)
            console.MarkupLine(Markup.Escape($"  unique {unique.Name ?? ""} ({string.Join(", ", unique.Columns)})".Replace("  (", " (", StringComparison.Ordinal)));
        foreach (var fk in table.ForeignKeys)
            console.MarkupLine(Markup.Escape($"  foreign key ({string.Join(", ", fk.Columns)}) → {fk.ReferencedTable} ({string.Join(", ", fk.ReferencedColumns)}) on delete {fk.OnDelete}, on update {fk.OnUpdate}"));
        foreach (var check in table.Checks)
            console.MarkupLine(Markup.Escape($"  check {check.Name ?? ""} ({check.Expression})"));
    }

    private static string KeyText(Schema.Table table, Column column)
    {
        var parts = new List<string>();
        if (table.PrimaryKey?.Columns.Contains(column.Name) == true) parts.Add("PK");
        if (column.Identity != Identity.None) parts.Add(column.Identity.ToString());
        if (table.Uniques.Any(u => u.Columns.Count == 1 && u.Columns[0] == column.Name)) parts.Add("unique");
        foreach (var fk in table.ForeignKeys.Where(f => f.Columns.Contains(column.Name)))
            parts.Add($"→ {fk.ReferencedTable}");
        return string.Join(" ", parts);
    }

    private static string Count(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "—";
}

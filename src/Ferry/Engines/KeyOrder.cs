using Ferry.Schema;

namespace Ferry.Engines;

/// <summary>
/// The ORDER BY that puts a table's rows in primary-key order as <see cref="Values.CanonicalOrder"/> compares
/// keys: numbers and times by value, texts and bytes by their bytes. Each engine says how one of its columns
/// sorts by bytes (PostgreSQL <c>COLLATE "C"</c>, MySQL <c>BINARY</c>, SQLite's own BINARY collation), so
/// two engines whose collations disagree still hand over their rows in the same order.
/// </summary>
public static class KeyOrder
{
    public static string Clause(Table table, RowReadOptions read, Func<Column, string> byBytes) =>
        !read.OrderedByKey || table.PrimaryKey is not { Columns.Count: > 0 } key
            ? ""
            : " ORDER BY " + string.Join(", ", key.Columns.Select(name => byBytes(table.FindColumn(name)
                ?? throw new InvalidOperationException($"The primary key of {table.Name} names {name}, which is not one of its columns."))));

    /// <summary>True for the types whose values an engine compares through a collation rather than by value.</summary>
    public static bool IsText(Column column) => column.Type is NeutralType.Text or NeutralType.Unknown or NeutralType.Other or NeutralType.Json;
}

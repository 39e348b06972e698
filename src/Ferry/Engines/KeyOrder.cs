using System.Globalization;
using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Engines;

/// <summary>
/// The ORDER BY that puts a table's rows in primary-key order as <see cref="Values.CanonicalOrder"/> compares
/// keys: numbers and times by value, texts and bytes by their bytes. Each engine says how one of its columns
/// sorts by bytes (PostgreSQL <c>COLLATE "C"</c>, MySQL <c>BINARY</c>, SQLite's own BINARY collation), so
/// two engines whose collations disagree still hand over their rows in the same order — and, for a
/// <see cref="KeyRange"/>, agree on which rows lie in it.
/// </summary>
public static class KeyOrder
{
    /// <summary>
    /// The WHERE of the table's <see cref="Table.Filter"/> and of <see cref="RowReadOptions.Within"/>, then the ORDER BY of
    /// <see cref="RowReadOptions.OrderedByKey"/>.
    /// </summary>
    public static string Clause(Table table, RowReadOptions read, ISqlDialect dialect, Func<Column, string> byBytes) =>
        Where(Filter(table, dialect), read.Within is { } range ? Range(table, range, dialect, byBytes) : null)
        + (!read.OrderedByKey || table.PrimaryKey is not { Columns.Count: > 0 } key
            ? ""
            : " ORDER BY " + string.Join(", ", key.Columns.Select(name => byBytes(KeyColumn(table, name)))));

    /// <summary>" WHERE key &gt;= from AND key &lt; until" for the ends the range has; "" for <see cref="KeyRange.All"/>.</summary>
    public static string Where(Table table, KeyRange range, ISqlDialect dialect, Func<Column, string> byBytes) =>
        Where(Range(table, range, dialect, byBytes));

    /// <summary>The condition of the table's <see cref="Table.Filter"/>, without WHERE; null when it has none.</summary>
    public static string? Filter(Table table, ISqlDialect dialect) =>
        table.Filter is { } filter ? $"{dialect.Quote(filter.Column)} >= {filter.From}" : null;

    /// <summary>" WHERE " and the conditions that are not null, joined by AND; "" when none is.</summary>
    public static string Where(params string?[] conditions) =>
        conditions.Where(c => c is not null).ToList() is { Count: > 0 } all ? " WHERE " + string.Join(" AND ", all) : "";

    /// <summary>"key &gt;= from AND key &lt; until" for the ends the range has; null for <see cref="KeyRange.All"/>.</summary>
    private static string? Range(Table table, KeyRange range, ISqlDialect dialect, Func<Column, string> byBytes)
    {
        if (range.From is null && range.Until is null) return null;
        if (table.PrimaryKey is not { Columns.Count: 1 } key)
            throw new InvalidOperationException($"A key range needs a one-column primary key; {table.Name} has none.");
        var column = byBytes(KeyColumn(table, key.Columns[0]));
        var ends = new List<string>(2);
        if (range.From is { } from) ends.Add($"{column} >= {Literal(from, dialect)}");
        if (range.Until is { } until) ends.Add($"{column} < {Literal(until, dialect)}");
        return string.Join(" AND ", ends);
    }

    /// <summary>A key as a SQL literal: an integer as its digits, a text quoted by the dialect.</summary>
    public static string Literal(object key, ISqlDialect dialect) => key switch
    {
        long or int or short => Convert.ToString(key, CultureInfo.InvariantCulture)!,
        string s => dialect.QuoteLiteral(s),
        Utf8Text t => dialect.QuoteLiteral(t.ToString()),
        _ => throw new InvalidOperationException($"A key range ends at integers or texts, not {key.GetType().Name}."),
    };

    private static Column KeyColumn(Table table, string name) => table.FindColumn(name)
        ?? throw new InvalidOperationException($"The primary key of {table.Name} names {name}, which is not one of its columns.");

    /// <summary>True for the types whose values an engine compares through a collation rather than by value.</summary>
    public static bool IsText(Column column) => column.Type is NeutralType.Text or NeutralType.Unknown or NeutralType.Other or NeutralType.Json;
}

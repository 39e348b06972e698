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

    /// <summary>
    /// " WHERE key &gt;= from AND key &lt; until" for the ends the range has, within the table's <see cref="Table.Filter"/>:
    /// the rows a range holds are those <see cref="Clause"/> reads, whether they are summed in SQL or streamed.
    /// </summary>
    public static string Where(Table table, KeyRange range, ISqlDialect dialect, Func<Column, string> byBytes) =>
        Where(Filter(table, dialect), Range(table, range, dialect, byBytes));

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
        var ends = new List<string>(2);
        if (range.From is { } from) ends.Add(Compared(table, from, before: false, dialect, byBytes));
        if (range.Until is { } until) ends.Add(Compared(table, until, before: true, dialect, byBytes));
        return string.Join(" AND ", ends);
    }

    /// <summary>The condition "the row's key sorts before <paramref name="key"/>": where a range's checksums cut it into segments.</summary>
    public static string Before(Table table, object[] key, ISqlDialect dialect, Func<Column, string> byBytes) =>
        Compared(table, key, before: true, dialect, byBytes);

    /// <summary>
    /// The row's key compared with <paramref name="key"/> column by column: before it, or at or after it. Written
    /// out as ORs, not as the row value (a, b) &lt; (x, y), because MySQL's planner uses no index for a row value;
    /// the first column's own bound comes first so every engine's planner reads only that stretch of the index.
    /// NULL sorts first, as <see cref="CanonicalOrder"/> puts it: a comparison with NULL would be neither. A key of
    /// fewer values than the key has columns is the first of the keys it begins: only those columns are compared.
    /// </summary>
    private static string Compared(Table table, object[] key, bool before, ISqlDialect dialect, Func<Column, string> byBytes)
    {
        var columns = KeyColumns(table);
        if (key.Length == 0 || key.Length > columns.Count)
            throw new InvalidOperationException($"A key range of {table.Name} ends at keys of at most {columns.Count} values, not {key.Length}.");
        columns = columns[..key.Length];
        string Null(int i) => before && columns[i].Nullable ? $"{byBytes(columns[i])} IS NULL OR " : "";
        string Bound(int i, string op) =>
            Null(i) is { Length: > 0 } isNull ? $"({isNull}{byBytes(columns[i])} {op} {Literal(key[i], dialect)})" : $"{byBytes(columns[i])} {op} {Literal(key[i], dialect)}";
        string Part(int i) => i == columns.Count - 1
            ? Bound(i, before ? "<" : ">=")
            : $"({Null(i)}{byBytes(columns[i])} {(before ? "<" : ">")} {Literal(key[i], dialect)} OR {byBytes(columns[i])} = {Literal(key[i], dialect)} AND {Part(i + 1)})";
        return columns.Count == 1 ? Part(0) : $"{Bound(0, before ? "<=" : ">=")} AND {Part(0)}";
    }

    /// <summary>
    /// A key value as a SQL literal: an integer or a decimal as its digits (MySQL compares a decimal column with a
    /// quoted number as a double), a text quoted by the dialect; a uuid as its lowercase text, a date or a timestamp
    /// as ISO-8601 (a zoned one in UTC), quoted, which each engine reads as the type of the column it is compared with.
    /// </summary>
    public static string Literal(object key, ISqlDialect dialect) => key switch
    {
        long or int or short or decimal => Convert.ToString(key, CultureInfo.InvariantCulture)!,
        string s => dialect.QuoteLiteral(s),
        Utf8Text t => dialect.QuoteLiteral(t.ToString()),
        Guid u => dialect.QuoteLiteral(u.ToString("D")),
        DateOnly or DateTime => dialect.QuoteLiteral(IsoText.Format(key)!),
        _ => throw new InvalidOperationException($"A key range ends at integers, decimals, texts, uuids, dates or timestamps, not {key.GetType().Name}."),
    };

    private static List<Column> KeyColumns(Table table) => table.PrimaryKey is { Columns.Count: > 0 } key
        ? key.Columns.Select(name => KeyColumn(table, name)).ToList()
        : throw new InvalidOperationException($"A key range needs a primary key; {table.Name} has none.");

    private static Column KeyColumn(Table table, string name) => table.FindColumn(name)
        ?? throw new InvalidOperationException($"The primary key of {table.Name} names {name}, which is not one of its columns.");

    /// <summary>True for the types whose values an engine compares through a collation rather than by value.</summary>
    public static bool IsText(Column column) => column.Type is NeutralType.Text or NeutralType.Unknown or NeutralType.Other or NeutralType.Json;
}

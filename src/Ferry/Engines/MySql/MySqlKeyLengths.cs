using Ferry.Schema;

namespace Ferry.Engines.MySql;

/// <summary>
/// InnoDB cannot index a TEXT or BLOB column whole: a key may hold at most 3072 bytes (DYNAMIC rows,
/// the default since MySQL 5.7 and MariaDB 10.2), and a utf8mb4 character may take 4 of them.
/// </summary>
/// <remarks>
/// A primary key or unique key must compare whole values — a prefix would make 'abc…x' and 'abc…y'
/// duplicates — so its unbounded text columns are declared <c>varchar(768 / columns in the key)</c>
/// instead (blobs <c>varbinary(3072 / columns)</c>). A longer value then fails the load by name
/// (LOAD DATA warns "Data too long", which the bulk writer treats as failure): loud, never cut.
/// A plain index only speeds lookups, so there a prefix of the same share is enough.
/// A foreign key is refused on a TEXT or BLOB column (errno 150 "incorrectly formed": the index it needs
/// cannot be a prefix), so its text columns are bounded like a key: with the same number of columns as
/// the key it references they get the same share, and a longer value could match nothing there anyway.
/// Where an index begins with the foreign key's columns (<c>(conversationId, createdAt)</c> for
/// <c>conversationId</c>), they take that index's smaller share instead, so the index holds them whole and
/// serves the foreign key: a prefix could not, and InnoDB would add an index of its own on the key's
/// columns, one more to build and keep up to date that the source never had.
/// </remarks>
internal static class MySqlKeyLengths
{
    public const int KeyBytes = 3072;
    private const int CharBytes = 4;

    /// <summary>The longest varchar MySQL keeps inline in a utf8mb4 row (65,535 bytes / 4); longer is longtext.</summary>
    public const int VarcharMax = 16383;

    /// <summary>Columns of the primary key, unique keys and foreign keys that must be declared bounded, with their length.</summary>
    public static Dictionary<string, int> ForKeys(Table table)
    {
        // Each key's columns, with the number of columns the index that holds them has.
        var keys = new List<(IReadOnlyList<string> Columns, int Width)>();
        if (table.PrimaryKey is { } pk) keys.Add((pk.Columns, pk.Columns.Count));
        keys.AddRange(table.Uniques.Select(u => (u.Columns, u.Columns.Count)));
        keys.AddRange(table.Indexes.Where(i => i.Unique && !i.HasExpressions).Select(i => ((IReadOnlyList<string>)i.Columns.Select(c => c!).ToList(), i.Columns.Count)));
        keys.AddRange(table.ForeignKeys.Select(f => (f.Columns, ServingWidth(table, f))));
        var lengths = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, width) in keys)
            foreach (var name in key)
            {
                if (table.FindColumn(name) is not { } column || !Unbounded(column)) continue;
                var share = Share(column, width);
                lengths[name] = lengths.TryGetValue(name, out var other) ? Math.Min(other, share) : share;
            }
        return lengths;
    }

    /// <summary>
    /// How many columns the index that will serve <paramref name="fk"/> has: the narrowest plain index that begins
    /// with its columns, else the key's own.
    /// </summary>
    private static int ServingWidth(Table table, ForeignKey fk) =>
        table.Indexes.Where(i => !i.HasExpressions && i.Columns.Count >= fk.Columns.Count && i.Columns.Take(fk.Columns.Count).SequenceEqual(fk.Columns, StringComparer.Ordinal))
            .Select(i => i.Columns.Count).DefaultIfEmpty(fk.Columns.Count).Min();

    /// <summary>The prefix a plain index needs on this column, or null when it can be indexed whole.</summary>
    public static int? Prefix(Column column, int columnsInIndex, Dictionary<string, int> keyLengths, HashSet<string> unbound)
    {
        if (column.Type is not (NeutralType.Text or NeutralType.Blob)) return null;
        var share = Share(column, columnsInIndex);
        int? length = keyLengths.TryGetValue(column.Name, out var bounded) ? bounded : Unbounded(column) || unbound.Contains(column.Name) ? null : column.Length;
        return length is { } n && n <= share ? null : share;
    }

    /// <summary>Text and bytes without a length MySQL can keep inline: declared longtext or longblob.</summary>
    public static bool Unbounded(Column column) =>
        column.Type is NeutralType.Text or NeutralType.Blob && (column.Length is not { } n || n > VarcharMax);

    private static int Share(Column column, int columns) =>
        column.Type == NeutralType.Blob ? KeyBytes / columns : KeyBytes / CharBytes / columns;
}

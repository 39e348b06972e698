using Ferry.Schema;

namespace Ferry.Engines.MySql;

/// <summary>
/// MySQL refuses a table whose columns, LOBs aside, could add up to more than 65,535 bytes (error 1118),
/// counting a utf8mb4 varchar(n) as 4n + 2 bytes: two varchar(10000) columns are already too many.
/// </summary>
/// <remarks>
/// Where a table would not fit, its largest bounded text and byte columns outside keys become longtext
/// and longblob — stored off the row — and keep their length as a CHECK (see
/// <see cref="MySqlDdlWriter"/>), so the target refuses what the source refused.
/// </remarks>
internal static class MySqlRowSize
{
    private const int RowBytes = 65535;
    private const int LobBytes = 12;

    /// <summary>The columns declared unbounded to make the row fit.</summary>
    public static HashSet<string> Unbound(Table table, Dictionary<string, int> keyLengths)
    {
        var sizes = table.Columns.ToDictionary(c => c.Name, c => Bytes(c, keyLengths), StringComparer.Ordinal);
        var total = sizes.Values.Sum();
        var unbound = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in table.Columns.Where(c => Movable(c, keyLengths)).OrderByDescending(c => sizes[c.Name]))
        {
            if (total <= RowBytes) break;
            total -= sizes[column.Name] - LobBytes;
            unbound.Add(column.Name);
        }
        return unbound;
    }

    private static bool Movable(Column column, Dictionary<string, int> keyLengths) =>
        column.Type is NeutralType.Text or NeutralType.Blob && !MySqlKeyLengths.Unbounded(column) && !keyLengths.ContainsKey(column.Name);

    /// <summary>The most a column can take in the row, as MySQL counts it (generously for the small types).</summary>
    private static long Bytes(Column column, Dictionary<string, int> keyLengths)
    {
        int? length = keyLengths.TryGetValue(column.Name, out var bounded) ? bounded : MySqlKeyLengths.Unbounded(column) ? null : column.Length;
        return (column.Type, length) switch
        {
            (NeutralType.Text, { } n) => 4L * n + 2,
            (NeutralType.Blob, { } n) => n + 2L,
            (NeutralType.Text or NeutralType.Blob or NeutralType.Json, null) => LobBytes,
            (NeutralType.Uuid, _) => 144,
            (NeutralType.Decimal, _) => 30,
            _ => 8,
        };
    }
}

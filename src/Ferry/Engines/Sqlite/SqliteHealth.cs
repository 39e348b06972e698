using Ferry.Monitoring;
using static Ferry.Engines.Cells;

namespace Ferry.Engines.Sqlite;

/// <summary>
/// A SQLite or libSQL database's size, and its largest tables where SQLite was built with <c>dbstat</c>. There
/// are no sessions to count: a file has readers, not connections a server can list.
/// </summary>
internal static class SqliteHealth
{
    private const string Size = "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";

    // Tables with their indexes: dbstat names each b-tree, and sqlite_master says whose index it is.
    private const string Largest = """
        SELECT coalesce(i.tbl_name, s.name), sum(s.pgsize) FROM dbstat s
        LEFT JOIN sqlite_master i ON i.type = 'index' AND i.name = s.name
        WHERE coalesce(i.tbl_name, s.name) NOT LIKE 'sqlite\_%' ESCAPE '\'
        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT
        """;

    public static async Task<HealthDetails> ReadAsync(ISqlSession session, CancellationToken ct)
    {
        var notes = new List<string>();
        IReadOnlyList<TableSize> largest;
        try
        {
            largest = (await session.QueryAsync($"{Largest} {HealthQueries.Largest}", ct).ConfigureAwait(false))
                .Select(r => new TableSize((string)r[0]!, AsLong(r[1]), null)).ToList();
        }
        catch (Errors.FerryException e) when (e.Kind != Errors.FerryErrorKind.Connection)
        {
            // The SQLite that ships with Microsoft.Data.Sqlite has no dbstat; counting rows instead would scan every table each time.
            notes.Add("This SQLite was built without dbstat, so table sizes are not shown.");
            largest = [];
        }
        return new HealthDetails
        {
            DatabaseSizeBytes = AsLong((await session.QueryAsync(Size, ct).ConfigureAwait(false))[0][0]),
            LargestTables = largest,
            Notes = notes,
        };
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using Ferry.Copy;
using Ferry.Schema;

namespace Ferry.Engines.Sqlite;

/// <summary>
/// Runs the profile scans of many tables on one connection per core: small tables in one scan each,
/// large rowid tables in rowid ranges at once, folded back into one profile. Evaluating the measures
/// costs far more than reading the rows, so a million-row table profiles in about 1/N of the time.
/// </summary>
internal static class ProfileScans
{
    /// <summary>Tables with fewer rows are scanned whole: a split costs a query and a connection for little.</summary>
    public const long SplitRows = 100_000;
    private const int MaxConnections = 8;

    public static async Task<IReadOnlyList<IReadOnlyList<ColumnProfile?>>> RunAsync(IDatabase source, IReadOnlyList<ProfileQuery> queries,
        Func<CancellationToken, Task<IDatabase>>? openMore, CancellationToken ct, long splitRows = SplitRows)
    {
        var connections = openMore is null ? 1 : Math.Clamp(Environment.ProcessorCount, 1, MaxConnections);
        var parts = new List<Part>();
        for (var q = 0; q < queries.Count; q++)
        {
            var ranges = await RangesAsync(source, queries[q].Table, connections, splitRows, ct).ConfigureAwait(false);
            parts.AddRange(ranges.Select(where => new Part(q, where, (queries[q].Table.RowCount ?? 0) / ranges.Count)));
        }

        // The largest parts first, so the last to finish is a small one.
        var queue = new ConcurrentQueue<Part>(parts.OrderByDescending(p => p.Rows));
        var folded = new long?[]?[queries.Count];
        async Task Work(int worker)
        {
            var database = worker == 0 ? source : await openMore!(ct).ConfigureAwait(false);
            try
            {
                while (queue.TryDequeue(out var part))
                {
                    var query = queries[part.Query];
                    var row = (await database.QueryAsync(query.Sql(database.Dialect, part.Where), ct).ConfigureAwait(false))[0];
                    var values = row.Select(v => v is null ? (long?)null : Convert.ToInt64(v, CultureInfo.InvariantCulture)).ToArray();
                    lock (folded) folded[part.Query] = query.Add(folded[part.Query], values);
                }
            }
            finally
            {
                if (worker > 0) await database.DisposeAsync().ConfigureAwait(false);
            }
        }
        // SQLite answers synchronously: each worker gets a thread of its own, or the first would drain the queue alone.
        await Task.WhenAll(Enumerable.Range(0, Math.Min(connections, parts.Count)).Select(w => Task.Run(() => Work(w), ct))).ConfigureAwait(false);
        return queries.Select((q, i) => q.Profiles(folded[i]!)).ToList();
    }

    /// <summary>
    /// WHERE clauses that split <paramref name="table"/> into <paramref name="parts"/> rowid ranges; the
    /// first and last are open-ended, so a row is in exactly one whatever the bounds. One scan (null)
    /// for small tables, WITHOUT ROWID tables, and tables whose columns hide every name of the rowid.
    /// </summary>
    private static async Task<IReadOnlyList<string?>> RangesAsync(ISqlSession database, Table table, int parts, long splitRows, CancellationToken ct)
    {
        if (parts < 2 || table.WithoutRowId || (table.RowCount ?? 0) < splitRows) return [null];
        var rowid = new[] { "rowid", "_rowid_", "oid" }.FirstOrDefault(n => !table.Columns.Any(c => string.Equals(c.Name, n, StringComparison.OrdinalIgnoreCase)));
        if (rowid is null) return [null];
        var row = (await database.QueryAsync($"SELECT min({rowid}), max({rowid}) FROM {database.Dialect.Quote(table.Name)}", ct).ConfigureAwait(false))[0];
        if (row[0] is not long low || row[1] is not long high || (Int128)high - low < parts) return [null];
        var step = ((Int128)high - low + 1) / parts;
        var bounds = Enumerable.Range(1, parts - 1).Select(i => ((long)(low + step * i)).ToString(CultureInfo.InvariantCulture)).ToList();
        var ranges = new List<string?> { $"{rowid} < {bounds[0]}" };
        for (var i = 1; i < bounds.Count; i++) ranges.Add($"{rowid} >= {bounds[i - 1]} AND {rowid} < {bounds[i]}");
        ranges.Add($"{rowid} >= {bounds[^1]}");
        return ranges;
    }

    private sealed record Part(int Query, string? Where, long Rows);
}

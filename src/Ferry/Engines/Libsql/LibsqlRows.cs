using Ferry.Engines.Sqlite;
using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Engines.Libsql;

/// <summary>
/// Bulk writes over HTTP: rows go in batches of single-row INSERTs, each batch one pipeline request
/// and one transaction. A table larger than one batch is not atomic as a whole; the copy's
/// checkpoints make it resumable instead. A batch ends at its row count or at 8 MiB, whichever
/// comes first, so large blobs do not make one huge request.
/// </summary>
internal static class LibsqlRows
{
    public const int BatchRows = 1000;
    private const long BatchBytes = 8L * 1024 * 1024;

    public static async Task<long> WriteAsync(LibsqlDatabase database, Table table, IAsyncEnumerable<object?[]> rows, BulkWriteOptions write, CancellationToken ct)
    {
        string Insert(IEnumerable<string> slots) => SqliteBulkWriter.InsertSql(table, database.Dialect, slots, write.OnConflict);
        var sql = Insert(table.Columns.Select(_ => "?"));
        var batchRows = write.BatchSize ?? BatchRows;
        var batch = new List<HranaStatement>(Math.Min(batchRows, BatchRows));
        long written = 0, bytes = 0;
        await foreach (var row in rows.WithCancellation(ct).ConfigureAwait(false))
        {
            batch.Add(Statement(sql, row, Insert));
            bytes += RowBytes.Estimate(row);
            if (batch.Count < batchRows && bytes < BatchBytes) continue;
            await database.ExecuteStatementsAsync(batch, ct).ConfigureAwait(false);
            written += batch.Count;
            batch.Clear();
            bytes = 0;
        }
        if (batch.Count > 0) await database.ExecuteStatementsAsync(batch, ct).ConfigureAwait(false);
        return written + batch.Count;
    }

    /// <summary>
    /// One row's INSERT. Hrana's JSON cannot carry two things SQLite stores: a text that is not valid
    /// UTF-8 goes as its bytes in a blob, made text again by CAST (which keeps the bytes in a UTF-8
    /// database), and an infinite REAL as a literal too large for a double. Such a row gets SQL of its own.
    /// </summary>
    private static HranaStatement Statement(string sql, object?[] row, Func<IEnumerable<string>, string> insert)
    {
        if (!row.Any(v => v is InvalidText || v is double d && double.IsInfinity(d)))
            return new HranaStatement(sql, row.Select(v => v is null ? null : SqliteBulkWriter.ToSqlite(v)).ToArray(), WantRows: false);
        var slots = new string[row.Length];
        var args = new List<object?>(row.Length);
        for (var i = 0; i < row.Length; i++)
        {
            switch (row[i])
            {
                case InvalidText text:
                    slots[i] = "CAST(? AS TEXT)";
                    args.Add(text.Bytes);
                    break;
                case double d when double.IsInfinity(d):
                    slots[i] = SqliteLiterals.Infinity(d);
                    break;
                case var value:
                    slots[i] = "?";
                    args.Add(value is null ? null : SqliteBulkWriter.ToSqlite(value));
                    break;
            }
        }
        return new HranaStatement(insert(slots), args.ToArray(), WantRows: false);
    }
}

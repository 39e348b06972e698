using Ferry.Engines.Sqlite;
using Ferry.Schema;

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
        var sql = SqliteBulkWriter.InsertSql(table, database.Dialect, table.Columns.Select(_ => "?"), write.OnConflict);
        var batchRows = write.BatchSize ?? BatchRows;
        var batch = new List<HranaStatement>(Math.Min(batchRows, BatchRows));
        long written = 0, bytes = 0;
        await foreach (var row in rows.WithCancellation(ct).ConfigureAwait(false))
        {
            batch.Add(new HranaStatement(sql, row.Select(v => v is null ? null : SqliteBulkWriter.ToSqlite(v)).ToArray(), WantRows: false));
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
}

using Ferry.Engines.Sqlite;
using Ferry.Schema;

namespace Ferry.Engines.Libsql;

/// <summary>
/// Bulk writes over HTTP: rows go in batches of single-row INSERTs, each batch one pipeline request
/// and one transaction. A table larger than one batch is not atomic as a whole; the copy's
/// checkpoints make it resumable instead.
/// </summary>
internal static class LibsqlRows
{
    public const int BatchRows = 1000;

    public static async Task<long> WriteAsync(LibsqlDatabase database, Table table, IAsyncEnumerable<object?[]> rows, OnConflict onConflict, CancellationToken ct)
    {
        var sql = SqliteBulkWriter.InsertSql(table, database.Dialect, table.Columns.Select(_ => "?"), onConflict);
        var batch = new List<HranaStatement>(BatchRows);
        long written = 0;
        await foreach (var row in rows.WithCancellation(ct).ConfigureAwait(false))
        {
            batch.Add(new HranaStatement(sql, row.Select(v => v is null ? null : SqliteBulkWriter.ToSqlite(v)).ToArray(), WantRows: false));
            if (batch.Count < BatchRows) continue;
            await database.ExecuteStatementsAsync(batch, ct).ConfigureAwait(false);
            written += batch.Count;
            batch.Clear();
        }
        if (batch.Count > 0) await database.ExecuteStatementsAsync(batch, ct).ConfigureAwait(false);
        return written + batch.Count;
    }
}

using System.Globalization;
using Ferry.Schema;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Ferry.Values;

namespace Ferry.Engines.Sqlite;

/// <summary>
/// Loads rows with one prepared INSERT inside a single transaction: SQLite's fastest path, and all or
/// nothing, so a failure leaves the table as it was. Values are bound natively (<see cref="SqliteBind"/>),
/// each in the storage class it arrived as.
/// </summary>
internal static class SqliteBulkWriter
{
    public static async Task<long> WriteAsync(SqliteConnection connection, Table table, ISqlDialect dialect, IAsyncEnumerable<object?[]> rows, OnConflict onConflict, CancellationToken ct)
    {
        var slots = table.Columns.Select((_, i) => "?" + (i + 1).ToString(CultureInfo.InvariantCulture));
        // IMMEDIATE: the write lock is taken (and waited for) here, so no step below meets a busy file.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        if (raw.sqlite3_prepare_v2(connection.Handle, InsertSql(table, dialect, slots, onConflict), out var prepared) != raw.SQLITE_OK)
            throw SqliteErrors.Last(connection);
        long written = 0;
        using (prepared)
        {
            var statement = prepared.DangerousGetHandle();
            var scratch = new byte[1024];
            await foreach (var row in rows.WithCancellation(ct).ConfigureAwait(false))
            {
                for (var i = 0; i < row.Length; i++)
                    if (!SqliteBind.Succeeded(SqliteBind.Value(statement, i + 1, row[i], ref scratch))) throw SqliteErrors.Last(connection);
                var rc = SqliteNative.Step(statement);
                SqliteNative.Reset(statement);
                if (rc != SqliteNative.Done) throw SqliteErrors.Last(connection);
                written++;
            }
        }
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return written;
    }

    /// <summary>
    /// One row's INSERT, with SQLite's upsert clause for key conflicts. Not INSERT OR IGNORE: that
    /// would also swallow NOT NULL and CHECK failures, and a row must never vanish for those.
    /// </summary>
    internal static string InsertSql(Table table, ISqlDialect dialect, IEnumerable<string> slots, OnConflict onConflict) =>
        $"INSERT INTO {dialect.Quote(table.Name)} ({DdlText.Columns(dialect, table.Columns.Select(c => c.Name))}) VALUES ({string.Join(", ", slots)})"
        + Upsert.Clause(table, dialect, onConflict);

    /// <summary>SQLite's storage classes for the copy's neutral values: booleans as 0/1, times as ISO-8601 text.</summary>
    internal static object ToSqlite(object? value) => value switch
    {
        null => DBNull.Value,
        bool b => b ? 1L : 0L,
        DateTime or DateTimeOffset or DateOnly or TimeOnly => Values.IsoText.Format(value)!,
        // An interval as Microsoft.Data.Sqlite wrote one: [-][d.]hh:mm:ss[.fffffff].
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        Guid g => g.ToString(),
        _ => value,
    };
}

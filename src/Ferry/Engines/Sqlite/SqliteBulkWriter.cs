using System.Globalization;
using Ferry.Schema;
using Microsoft.Data.Sqlite;

namespace Ferry.Engines.Sqlite;

/// <summary>
/// Loads rows with one prepared INSERT inside a single transaction: SQLite's fastest path, and all or
/// nothing, so a failure leaves the table as it was.
/// </summary>
internal static class SqliteBulkWriter
{
    public static async Task<long> WriteAsync(SqliteConnection connection, Table table, ISqlDialect dialect, IAsyncEnumerable<object?[]> rows, OnConflict onConflict, CancellationToken ct)
    {
        var slots = table.Columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture));
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertSql(table, dialect, slots, onConflict);
        var parameters = table.Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), null))).ToArray();
        command.Prepare();
        long written = 0;
        await foreach (var row in rows.WithCancellation(ct).ConfigureAwait(false))
        {
            for (var i = 0; i < parameters.Length; i++) parameters[i].Value = ToSqlite(row[i]);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            written++;
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
        DateTime { Kind: DateTimeKind.Utc } t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z",
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        Guid g => g.ToString(),
        _ => value,
    };
}

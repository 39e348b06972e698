using Ferry.Errors;
using Ferry.Schema;
using MySqlConnector;

namespace Ferry.Engines.MySql;

/// <summary>
/// --on-conflict skip and update for MySQL and MariaDB: the rows are bulk-loaded into a session
/// TEMPORARY table with the target's columns and no keys, then moved by one
/// <c>INSERT … SELECT … ON DUPLICATE KEY UPDATE</c>, all in one transaction.
/// </summary>
/// <remarks>
/// LOAD DATA LOCAL straight into the target cannot be used: with LOCAL the server skips duplicate keys
/// silently and turns bad values into warnings. The staging table has no keys, so every row lands there
/// (checked chunk by chunk as in a plain load). Skip is a no-op assignment, not INSERT IGNORE, because
/// IGNORE would also turn a failed CHECK or a truncated value into a warning and a dropped row.
/// Unlike PostgreSQL's ON CONFLICT (key), ON DUPLICATE KEY reacts to every unique key of the table.
/// </remarks>
internal static class MySqlUpsert
{
    public static async Task<long> WriteAsync(MySqlConnection connection, Table table, MySqlDialect dialect, IAsyncEnumerable<object?[]> rows, BulkWriteOptions write, CancellationToken ct)
    {
        var onConflict = write.OnConflict;
        // A name no user table has: a temporary table would hide a base table of the same name for this session.
        var stage = dialect.Quote($"ferry_stage_{Guid.NewGuid():N}");
        var target = dialect.Quote(table.Name);
        var columns = DdlText.Columns(dialect, Written(table));
        var merge = $"INSERT INTO {target} ({columns}) SELECT {columns} FROM {stage} ON DUPLICATE KEY UPDATE {Assignments(table, target, stage, dialect, onConflict)}";
        // CREATE ... SELECT copies the columns' types, nullability, charsets and collations but no key.
        // Created before the transaction (it is not part of it on every server), InnoDB so the rollback covers its rows.
        await MySqlBulkWriter.Execute(connection, $"CREATE TEMPORARY TABLE {stage} ENGINE=InnoDB AS SELECT {columns} FROM {target} LIMIT 0", ct).ConfigureAwait(false);
        try
        {
            return await MySqlBulkWriter.InTransactionAsync(connection, async () =>
            {
                var sent = await MySqlBulkWriter.LoadChunksAsync(connection, table, stage, dialect, rows, write, ct).ConfigureAwait(false);
                await MySqlBulkWriter.Execute(connection, merge, ct).ConfigureAwait(false);
                // A server without strict mode turns a bad value into a warning here too: that is a failure.
                if (await MySqlBulkWriter.FirstWarning(connection, enumErrorValues: 0, ct).ConfigureAwait(false) is { } warning)
                    throw new FerryException(FerryErrorKind.Failed, $"Moving the rows of {table.Name} from the staging table raised {warning}; nothing was kept.");
                return sent;
            }, ct).ConfigureAwait(false);
        }
        finally
        {
            await DropAsync(connection, stage).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Update sets every other column from the staging row, qualified by the staging table's name rather than
    /// VALUES(col): both work on MariaDB 10.11, and MySQL 8.0.20+ deprecates VALUES() with a warning, which
    /// would fail the warning check. Skip assigns a column to itself, which changes nothing.
    /// </summary>
    private static string Assignments(Table table, string target, string stage, MySqlDialect dialect, OnConflict onConflict)
    {
        var written = Written(table);
        var key = onConflict == OnConflict.Update ? Upsert.Key(table) : [];
        var set = onConflict == OnConflict.Update ? written.Where(c => !key.Contains(c)).ToList() : [];
        if (set.Count == 0)
        {
            // Qualified on both sides: an unqualified name would be ambiguous between the target and the staging table.
            var first = $"{target}.{dialect.Quote(key.Count > 0 ? key[0] : written[0])}";
            return $"{first} = {first}";
        }
        return string.Join(", ", set.Select(c => $"{target}.{dialect.Quote(c)} = {stage}.{dialect.Quote(c)}"));
    }

    /// <summary>A generated column takes no value: the server computes it.</summary>
    private static List<string> Written(Table table) => table.Columns.Where(c => c.GeneratedExpression is null).Select(c => c.Name).ToList();

    private static async Task DropAsync(MySqlConnection connection, string stage)
    {
        try
        {
            await MySqlBulkWriter.Execute(connection, $"DROP TEMPORARY TABLE IF EXISTS {stage}", CancellationToken.None).ConfigureAwait(false);
        }
        catch (MySqlException)
        {
            // The connection is gone, and the temporary table with its session; the original error is the one to report.
        }
    }
}

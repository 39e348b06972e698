using System.Globalization;
using Ferry.Errors;
using Ferry.Schema;
using Ferry.Values;
using MySqlConnector;

namespace Ferry.Engines.MySql;

/// <summary>
/// Loads rows with LOAD DATA LOCAL INFILE (MySqlBulkLoader), the fastest way into MySQL, in chunks
/// streamed from the rows as the driver sends them (<see cref="MySqlLoadRows"/>), all inside one
/// transaction so a failure leaves the table as it was (on InnoDB; MyISAM cannot roll back).
/// </summary>
/// <remarks>
/// LOCAL changes LOAD DATA's rules: the server cannot stop the client mid-file, so it skips duplicate
/// keys (as IGNORE would) and turns bad values into warnings and the operation continues. Ferry
/// therefore checks that every chunk loaded exactly its rows with no warning, and rolls back otherwise.
/// </remarks>
internal static class MySqlBulkWriter
{
    private const int ChunkRows = 50_000;
    private const long ChunkBytes = 64L * 1024 * 1024;
    private const long DataTruncated = 1265;

    /// <param name="write">Its BatchSize is the rows per LOAD DATA file; null for 50,000. A file also ends at 64 MiB.</param>
    public static Task<long> WriteAsync(MySqlConnection connection, Table table, MySqlDialect dialect, IAsyncEnumerable<object?[]> rows, BulkWriteOptions write, CancellationToken ct) =>
        InTransactionAsync(connection, () => LoadChunksAsync(connection, table, dialect.Quote(table.Name), dialect, rows, write, ct), ct);

    /// <summary>Runs <paramref name="work"/> in one transaction: committed if it returns, rolled back if it throws.</summary>
    internal static async Task<long> InTransactionAsync(MySqlConnection connection, Func<Task<long>> work, CancellationToken ct)
    {
        await Execute(connection, "START TRANSACTION", ct).ConfigureAwait(false);
        try
        {
            var written = await work().ConfigureAwait(false);
            await Execute(connection, "COMMIT", ct).ConfigureAwait(false);
            return written;
        }
        catch
        {
            await Execute(connection, "ROLLBACK", CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Loads the rows, laid out as <paramref name="table"/>'s columns, into the table named <paramref name="into"/>
    /// (quoted): the table itself, or a staging table with the same columns. The caller holds the transaction.
    /// </summary>
    internal static async Task<long> LoadChunksAsync(MySqlConnection connection, Table table, string into, MySqlDialect dialect, IAsyncEnumerable<object?[]> rows, BulkWriteOptions write, CancellationToken ct)
    {
        await using var source = rows.GetAsyncEnumerator(ct);
        var load = new MySqlLoadRows(source, table.Columns, write.Verbatim);
        long written = 0;
        while (await load.HasMoreAsync().ConfigureAwait(false))
            written += await Load(connection, table, into, dialect, write.Verbatim, load, load.NextChunk(write.BatchSize ?? ChunkRows, ChunkBytes), ct).ConfigureAwait(false);
        return written;
    }

    private static async Task<long> Load(MySqlConnection connection, Table table, string into, MySqlDialect dialect, bool verbatim, MySqlLoadRows load, MySqlLoadRows.Chunk chunk, CancellationToken ct)
    {
        var loader = new MySqlBulkLoader(connection)
        {
            TableName = into,
            SourceStream = chunk,
            Local = true,
            CharacterSet = "utf8mb4",
            FieldTerminator = "\t",
            LineTerminator = "\n",
            EscapeCharacter = '\\',
            FieldQuotationCharacter = '\0',
        };
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            var variable = "@c" + i.ToString(CultureInfo.InvariantCulture);
            // A generated column takes no value: its field is read into a variable and dropped.
            if (column.GeneratedExpression is not null) loader.Columns.Add(variable);
            // Every value is the bytes of its exact text, in hex (see MySqlVerbatim).
            else if (verbatim)
            {
                loader.Columns.Add(variable);
                loader.Expressions.Add(MySqlVerbatim.Load(column, variable, dialect));
            }
            // Bytes travel as hex, so no character-set conversion can touch them.
            else if (column.Type == NeutralType.Blob)
            {
                loader.Columns.Add(variable);
                loader.Expressions.Add($"{dialect.Quote(column.Name)} = UNHEX({variable})");
            }
            else loader.Columns.Add(dialect.Quote(column.Name));
        }
        var loaded = await loader.LoadAsync(ct).ConfigureAwait(false);
        // The rows failed while the driver read them: the file ended early, and the caller rolls back.
        load.Failure?.Throw();
        var warning = await FirstWarning(connection, chunk.EnumErrorValues, ct).ConfigureAwait(false);
        if (loaded == chunk.Rows && warning is null) return loaded;
        throw new FerryException(FerryErrorKind.Failed,
            $"Loading {table.Name} wrote {loaded} of {chunk.Rows} rows" + (warning is null ? "; nothing was kept." : $" ({warning}); nothing was kept."));
    }

    /// <summary>
    /// The first warning of the last statement, or null; SHOW WARNINGS does not clear them. Notes are
    /// harmless, except 1265 "Data truncated": MariaDB 10.11 rounds 1.239 into DECIMAL(10,2) as 1.24 and
    /// says so only in a Note.
    /// </summary>
    /// <param name="enumErrorValues">
    /// Warnings 1265 the load was sent to raise: ENUM error values, stored back as they were. Exactly that
    /// many, all listed (none past max_error_count) and nothing else, is no warning; any other count is one.
    /// </param>
    internal static async Task<string?> FirstWarning(MySqlConnection connection, int enumErrorValues, CancellationToken ct)
    {
        var expected = new List<string>();
        var listed = 0;
        using (var command = new MySqlCommand("SHOW WARNINGS", connection))
        using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                listed++;
                var note = string.Equals(reader.GetString(0), "Note", StringComparison.OrdinalIgnoreCase);
                var truncated = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture) == DataTruncated;
                var text = $"{reader.GetString(0)} {reader.GetValue(1)}: {reader.GetString(2)}";
                if (!note && truncated && expected.Count < enumErrorValues) expected.Add(text);
                else if (!note || truncated) return text;
            }
        if (expected.Count == 0) return null;
        using var count = new MySqlCommand("SHOW COUNT(*) WARNINGS", connection);
        var all = Convert.ToInt64(await count.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
        return expected.Count == enumErrorValues && all == listed ? null : expected[0];
    }

    internal static async Task Execute(MySqlConnection connection, string sql, CancellationToken ct)
    {
        using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}

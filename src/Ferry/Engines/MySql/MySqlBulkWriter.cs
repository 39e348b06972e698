using System.Globalization;
using System.Text;
using Ferry.Errors;
using Ferry.Schema;
using MySql.Data.MySqlClient;
using Ferry.Values;

namespace Ferry.Engines.MySql;

/// <summary>
/// Loads rows with LOAD DATA LOCAL INFILE (MySqlBulkLoader), the fastest way into MySQL, in chunks
/// written to a temporary file (MySql.Data 8.0.16 cannot stream from memory), all inside one
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

    /// <param name="chunkRows">Rows per LOAD DATA file (--batch-size); null for 50,000. A file also ends at 64 MiB.</param>
    public static Task<long> WriteAsync(MySqlConnection connection, Table table, MySqlDialect dialect, IAsyncEnumerable<object?[]> rows, int? chunkRows, CancellationToken ct) =>
        InTransactionAsync(connection, () => LoadChunksAsync(connection, table, dialect.Quote(table.Name), dialect, rows, chunkRows, ct), ct);

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
    internal static async Task<long> LoadChunksAsync(MySqlConnection connection, Table table, string into, MySqlDialect dialect, IAsyncEnumerable<object?[]> rows, int? chunkRows, CancellationToken ct)
    {
        var rowsPerChunk = chunkRows ?? ChunkRows;
        var path = Path.Combine(Path.GetTempPath(), $"ferry-{Guid.NewGuid():N}.tsv");
        long written = 0;
        var chunk = new ChunkFile(path);
        try
        {
            await foreach (var row in rows.WithCancellation(ct).ConfigureAwait(false))
            {
                chunk.Add(row, table.Columns);
                if (chunk.Rows >= rowsPerChunk || chunk.Bytes >= ChunkBytes)
                {
                    written += await Load(connection, table, into, dialect, chunk, ct).ConfigureAwait(false);
                    chunk.Dispose();
                    chunk = new ChunkFile(path);
                }
            }
            if (chunk.Rows > 0) written += await Load(connection, table, into, dialect, chunk, ct).ConfigureAwait(false);
            return written;
        }
        finally
        {
            chunk.Dispose();
            File.Delete(path);
        }
    }

    private static async Task<long> Load(MySqlConnection connection, Table table, string into, MySqlDialect dialect, ChunkFile chunk, CancellationToken ct)
    {
        chunk.Close();
        var loader = new MySqlBulkLoader(connection)
        {
            TableName = into,
            FileName = chunk.Path,
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
            // Bytes travel as hex, so no character-set conversion can touch them.
            else if (column.Type == NeutralType.Blob)
            {
                loader.Columns.Add(variable);
                loader.Expressions.Add($"{dialect.Quote(column.Name)} = UNHEX({variable})");
            }
            else loader.Columns.Add(dialect.Quote(column.Name));
        }
        var loaded = await loader.LoadAsync(ct).ConfigureAwait(false);
        if (loaded == chunk.Rows && await FirstWarning(connection, ct).ConfigureAwait(false) is null) return loaded;
        var warning = await FirstWarning(connection, ct).ConfigureAwait(false);
        throw new FerryException(FerryErrorKind.Failed,
            $"Loading {table.Name} wrote {loaded} of {chunk.Rows} rows" + (warning is null ? "; nothing was kept." : $" ({warning}); nothing was kept."));
    }

    /// <summary>
    /// The first warning of the last statement, or null; SHOW WARNINGS does not clear them. Notes are
    /// harmless, except 1265 "Data truncated": MariaDB 10.11 rounds 1.239 into DECIMAL(10,2) as 1.24 and
    /// says so only in a Note.
    /// </summary>
    internal static async Task<string?> FirstWarning(MySqlConnection connection, CancellationToken ct)
    {
        using var command = new MySqlCommand("SHOW WARNINGS", connection);
        using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            if (!string.Equals(reader.GetString(0), "Note", StringComparison.OrdinalIgnoreCase) || Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture) == DataTruncated)
                return $"{reader.GetString(0)} {reader.GetValue(1)}: {reader.GetString(2)}";
        return null;
    }

    internal static async Task Execute(MySqlConnection connection, string sql, CancellationToken ct)
    {
        using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>One chunk as tab-separated UTF-8: backslash escapes, \N for NULL, as LOAD DATA reads by default.</summary>
    private sealed class ChunkFile(string path) : IDisposable
    {
        private readonly StreamWriter writer = new(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

        public string Path => path;
        public int Rows { get; private set; }
        public long Bytes { get; private set; }

        public void Add(object?[] row, IReadOnlyList<Column> columns)
        {
            var line = new StringBuilder();
            for (var i = 0; i < columns.Count; i++)
            {
                if (i > 0) line.Append('\t');
                AppendField(line, columns[i].GeneratedExpression is null ? row[i] : null);
            }
            line.Append('\n');
            writer.Write(line);
            Rows++;
            Bytes += line.Length;
        }

        public void Close() => writer.Flush();

        public void Dispose() => writer.Dispose();

        private static void AppendField(StringBuilder line, object? value)
        {
            var c = CultureInfo.InvariantCulture;
            switch (value)
            {
                case null: line.Append("\\N"); break;
                case bool b: line.Append(b ? '1' : '0'); break;
                case byte[] bytes: line.Append(Convert.ToHexString(bytes)); break;
                // The copy refuses invalid UTF-8 by name before it gets here; never load it as something else.
                case InvalidText invalid: throw new FerryException(FerryErrorKind.Failed, $"Text {invalid} is not valid UTF-8 and cannot be loaded into MySQL.");
                case string s: AppendEscaped(line, s); break;
                case double d: line.Append(d.ToString("R", c)); break;
                case float f: line.Append(f.ToString("R", c)); break;
                case decimal m: line.Append(m.ToString(c)); break;
                case DateTime t: line.Append(t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", c)); break;
                // TIMESTAMP columns are read and written in UTC: the session's time_zone is +00:00.
                case DateTimeOffset t: line.Append(t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", c)); break;
                case DateOnly d: line.Append(d.ToString("yyyy-MM-dd", c)); break;
                case TimeOnly t: line.Append(t.ToString("HH:mm:ss.ffffff", c)); break;
                // TIME spans -838:59:59 to 838:59:59: hours past 24, and a sign.
                case TimeSpan t: line.Append(t < TimeSpan.Zero ? "-" : "").Append(((long)t.Duration().TotalHours).ToString(c)).Append(t.Duration().ToString(@"\:mm\:ss\.ffffff", c)); break;
                case IFormattable f: line.Append(f.ToString(null, c)); break;
                default: AppendEscaped(line, value.ToString() ?? ""); break;
            }
        }

        private static void AppendEscaped(StringBuilder line, string s)
        {
            foreach (var ch in s)
            {
                switch (ch)
                {
                    case '\\': line.Append("\\\\"); break;
                    case '\t': line.Append("\\t"); break;
                    case '\n': line.Append("\\n"); break;
                    case '\r': line.Append("\\r"); break;
                    case '\0': line.Append("\\0"); break;
                    default: line.Append(ch); break;
                }
            }
        }
    }
}

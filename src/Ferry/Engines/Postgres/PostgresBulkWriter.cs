using Ferry.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Ferry.Engines.Postgres;

/// <summary>
/// Loads rows through binary COPY: the fastest way into PostgreSQL, and atomic — a COPY that fails
/// leaves the table as it was. Each column gets a typed writer chosen once, so no value is looked up
/// by its runtime type; the importer buffers, so its synchronous writes only wait when a buffer ships.
/// </summary>
internal static class PostgresBulkWriter
{
    private delegate void WriteValue(NpgsqlBinaryImporter importer, object value);

    public static async Task<long> WriteAsync(NpgsqlConnection connection, Table table, IAsyncEnumerable<object?[]> rows, OnConflict onConflict, CancellationToken ct)
    {
        var d = AnsiDialect.Instance;
        var name = table.Schema is null ? d.Quote(table.Name) : $"{d.Quote(table.Schema)}.{d.Quote(table.Name)}";
        if (onConflict == OnConflict.Fail) return await CopyAsync(connection, name, table, rows, ct).ConfigureAwait(false);

        // COPY cannot skip or merge: the rows go to a staging table, then one INSERT ... ON CONFLICT moves
        // them, all in one transaction so a failure keeps nothing.
        var columns = string.Join(", ", table.Columns.Select(c => d.Quote(c.Name)));
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await Execute(connection, $"CREATE TEMP TABLE ferry_stage (LIKE {name} INCLUDING DEFAULTS) ON COMMIT DROP", ct).ConfigureAwait(false);
        var sent = await CopyAsync(connection, "ferry_stage", table, rows, ct).ConfigureAwait(false);
        await Execute(connection, $"INSERT INTO {name} ({columns}) SELECT {columns} FROM ferry_stage{Upsert.Clause(table, d, onConflict)}", ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return sent;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task<long> CopyAsync(NpgsqlConnection connection, string name, Table table, IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        var d = AnsiDialect.Instance;
        var copy = $"COPY {name} ({string.Join(", ", table.Columns.Select(c => d.Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        var writers = table.Columns.Select(c => WriterFor(c.Type)).ToArray();
        long written = 0;
        await using var importer = await connection.BeginBinaryImportAsync(copy, ct).ConfigureAwait(false);
        await foreach (var row in rows.WithCancellation(ct).ConfigureAwait(false))
        {
            importer.StartRow();
            for (var i = 0; i < writers.Length; i++)
            {
                if (row[i] is { } value) writers[i](importer, value);
                else importer.WriteNull();
            }
            written++;
        }
        await importer.CompleteAsync(ct).ConfigureAwait(false);
        return written;
    }

    /// <summary>The copy hands integers over as long and reals as double; narrower columns take them narrowed (the converter checked the range).</summary>
    private static WriteValue WriterFor(NeutralType type) => type switch
    {
        NeutralType.Boolean => (w, v) => w.Write((bool)v, NpgsqlDbType.Boolean),
        NeutralType.Int16 => (w, v) => w.Write((short)(long)v, NpgsqlDbType.Smallint),
        NeutralType.Int32 => (w, v) => w.Write((int)(long)v, NpgsqlDbType.Integer),
        NeutralType.Int64 => (w, v) => w.Write((long)v, NpgsqlDbType.Bigint),
        NeutralType.Decimal => (w, v) => w.Write((decimal)v, NpgsqlDbType.Numeric),
        NeutralType.Float32 => (w, v) => w.Write((float)(double)v, NpgsqlDbType.Real),
        NeutralType.Float64 => (w, v) => w.Write((double)v, NpgsqlDbType.Double),
        NeutralType.Blob => (w, v) => w.Write((byte[])v, NpgsqlDbType.Bytea),
        NeutralType.Date => (w, v) => w.Write((DateOnly)v, NpgsqlDbType.Date),
        NeutralType.Time => (w, v) => w.Write((TimeOnly)v, NpgsqlDbType.Time),
        NeutralType.Timestamp => (w, v) => w.Write((DateTime)v, NpgsqlDbType.Timestamp),
        NeutralType.TimestampTz => (w, v) => w.Write((DateTime)v, NpgsqlDbType.TimestampTz),
        NeutralType.Interval => (w, v) => w.Write((TimeSpan)v, NpgsqlDbType.Interval),
        NeutralType.Json => (w, v) => w.Write((string)v, NpgsqlDbType.Jsonb),
        NeutralType.Uuid => (w, v) => w.Write((Guid)v, NpgsqlDbType.Uuid),
        _ => (w, v) => w.Write((string)v, NpgsqlDbType.Text),
    };
}

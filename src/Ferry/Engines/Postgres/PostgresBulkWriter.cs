using Ferry.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Ferry.Engines.Postgres;

/// <summary>
/// Loads rows through binary COPY: the fastest way into PostgreSQL, and atomic — a COPY that fails
/// leaves the table as it was. Each column is written with its exact wire type, chosen once.
/// </summary>
internal static class PostgresBulkWriter
{
    public static async Task<long> WriteAsync(NpgsqlConnection connection, Table table, IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        var d = AnsiDialect.Instance;
        var name = table.Schema is null ? d.Quote(table.Name) : $"{d.Quote(table.Schema)}.{d.Quote(table.Name)}";
        var copy = $"COPY {name} ({string.Join(", ", table.Columns.Select(c => d.Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        var types = table.Columns.Select(c => WireType(c.Type)).ToArray();
        long written = 0;
        await using var importer = await connection.BeginBinaryImportAsync(copy, ct).ConfigureAwait(false);
        await foreach (var row in rows.WithCancellation(ct).ConfigureAwait(false))
        {
            await importer.StartRowAsync(ct).ConfigureAwait(false);
            for (var i = 0; i < types.Length; i++)
            {
                var value = row[i];
                if (value is null) await importer.WriteNullAsync(ct).ConfigureAwait(false);
                else await WriteValue(importer, value, types[i], ct).ConfigureAwait(false);
            }
            written++;
        }
        await importer.CompleteAsync(ct).ConfigureAwait(false);
        return written;
    }

    private static Task WriteValue(NpgsqlBinaryImporter importer, object value, NpgsqlDbType type, CancellationToken ct) => (type, value) switch
    {
        // The copy hands integers over as long; narrower columns take them narrowed (the converter checked the range).
        (NpgsqlDbType.Smallint, long l) => importer.WriteAsync((short)l, type, ct),
        (NpgsqlDbType.Integer, long l) => importer.WriteAsync((int)l, type, ct),
        (NpgsqlDbType.Real, double f) => importer.WriteAsync((float)f, type, ct),
        _ => importer.WriteAsync(value, type, ct),
    };

    private static NpgsqlDbType WireType(NeutralType type) => type switch
    {
        NeutralType.Boolean => NpgsqlDbType.Boolean,
        NeutralType.Int16 => NpgsqlDbType.Smallint,
        NeutralType.Int32 => NpgsqlDbType.Integer,
        NeutralType.Int64 => NpgsqlDbType.Bigint,
        NeutralType.Decimal => NpgsqlDbType.Numeric,
        NeutralType.Float32 => NpgsqlDbType.Real,
        NeutralType.Float64 => NpgsqlDbType.Double,
        NeutralType.Blob => NpgsqlDbType.Bytea,
        NeutralType.Date => NpgsqlDbType.Date,
        NeutralType.Time => NpgsqlDbType.Time,
        NeutralType.Timestamp => NpgsqlDbType.Timestamp,
        NeutralType.TimestampTz => NpgsqlDbType.TimestampTz,
        NeutralType.Interval => NpgsqlDbType.Interval,
        NeutralType.Json => NpgsqlDbType.Jsonb,
        NeutralType.Uuid => NpgsqlDbType.Uuid,
        _ => NpgsqlDbType.Text,
    };
}

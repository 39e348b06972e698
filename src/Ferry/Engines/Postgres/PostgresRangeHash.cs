using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Engines.Postgres;

/// <summary>
/// PostgreSQL writes each <see cref="HashText"/> in SQL for the types whose text it gives without a setting
/// in play: integers, numerics (trim_scale drops the zeros a scale adds), booleans, text and varchar (not
/// char(n), whose ::text drops the padding a reader keeps), bytea, timestamps to the microsecond, dates and uuids.
/// Floats are left to Ferry: their text depends on extra_float_digits.
/// </summary>
internal sealed class PostgresRangeHash : IRangeHash
{
    public static readonly PostgresRangeHash Instance = new();

    public string? Text(Column column, ISqlDialect dialect)
    {
        var q = dialect.Quote(column.Name);
        var bare = PostgresTypeMap.BareName(column.DeclaredType);
        return HashText.KindOf(column.Type) switch
        {
            HashKind.Number when bare is "smallint" or "integer" or "bigint" => $"{q}::text",
            HashKind.Number when bare is "numeric" => $"trim_scale({q})::text",
            HashKind.Boolean when bare is "boolean" => $"CASE WHEN {q} THEN '1' ELSE '0' END",
            HashKind.Text when bare is "text" or "character varying" => $"octet_length({q})::text || ':' || {q}",
            HashKind.Bytes when bare is "bytea" => $"encode({q}, 'hex')",
            // Whole seconds since the epoch (exact even where extract gives a double), then the microseconds.
            HashKind.Timestamp when bare is "timestamp without time zone" or "timestamp with time zone" =>
                $"CASE WHEN isfinite({q}) THEN (extract(epoch FROM date_trunc('second', {q}))::bigint * 1000000 + extract(microseconds FROM {q})::bigint % 1000000)::text ELSE '!' || {q}::text END",
            HashKind.Date when bare is "date" => $"CASE WHEN isfinite({q}) THEN ({q} - DATE '1970-01-01')::text ELSE '!' || {q}::text END",
            HashKind.Uuid when bare is "uuid" => $"{q}::text",
            _ => null,
        };
    }

    public string Concat(IReadOnlyList<string> parts) => "(" + string.Join(" || ", parts) + ")";

    public string Sum64(string rowText) => $"sum(('x' || substr(md5({rowText}), 1, 16))::bit(64)::bigint)::text";

    public string ByBytes(Column column, ISqlDialect dialect) =>
        column.Type == NeutralType.Text ? $"{dialect.Quote(column.Name)} COLLATE \"C\"" : dialect.Quote(column.Name);

    /// <summary>
    /// A quoted literal compared with a column is read as the column's type. A uuid sorts by its bytes, which is its
    /// lowercase text's order. A numeric, a date or a timestamp sorts by value, as its reader's decimal, DateOnly or
    /// DateTime does, where the reader gives one (<see cref="PostgresValues"/>): not NaN, ±Infinity or a numeric of
    /// more digits than a decimal holds (texts, which sort apart from numbers), not ±infinity or a year outside
    /// 1-9999 (texts too).
    /// </summary>
    public string? KeyCheck(Column column, ISqlDialect dialect)
    {
        var q = dialect.Quote(column.Name);
        var bare = PostgresTypeMap.BareName(column.DeclaredType);
        var utc = bare == "timestamp with time zone" ? " 00:00:00+00" : "";
        return bare switch
        {
            "uuid" => "TRUE",
            "numeric" => $"{q}::text ~ '^-?[0-9.]+$' AND length({q}::text) <= 28",
            "date" or "timestamp without time zone" or "timestamp with time zone" => $"{q} >= '0001-01-01{utc}' AND {q} < '10000-01-01{utc}'",
            _ => null,
        };
    }

    /// <summary>ONLY: an inheritance parent's own rows; its children are tables of their own.</summary>
    public string From(Table table, ISqlDialect dialect) => "ONLY " + PostgresDdlWriter.Name(table);
}

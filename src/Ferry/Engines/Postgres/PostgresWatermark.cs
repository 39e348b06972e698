using Ferry.Schema;

namespace Ferry.Engines.Postgres;

/// <summary>
/// quote_nullable writes the value as a quoted literal of its text form, which PostgreSQL reads back as the column's
/// type when compared with it; a timestamptz carries its offset, so the session's time zone does not matter.
/// </summary>
internal sealed class PostgresWatermark : IWatermark
{
    public static readonly PostgresWatermark Instance = new();

    public string MaxLiteral(Table table, Column column, ISqlDialect dialect) =>
        $"SELECT quote_nullable(max({dialect.Quote(column.Name)})) FROM {PostgresRangeHash.Instance.From(table, dialect)}";
}

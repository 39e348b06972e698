using Ferry.Schema;

namespace Ferry.Engines.Sqlite;

/// <summary>SQLite's quote() writes any storage class as the literal that reads back as it: 'text', X'…', numbers.</summary>
internal sealed class SqliteWatermark : IWatermark
{
    public static readonly SqliteWatermark Instance = new();

    public string MaxLiteral(Table table, Column column, ISqlDialect dialect) =>
        $"SELECT quote(max({dialect.Quote(column.Name)})) FROM {SqliteRangeHash.Instance.From(table, dialect)}";
}

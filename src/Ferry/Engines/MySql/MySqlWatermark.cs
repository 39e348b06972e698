using Ferry.Schema;

namespace Ferry.Engines.MySql;

/// <summary>QUOTE writes the value as a string literal with MySQL's escapes, which MySQL compares as the column's type.</summary>
internal sealed class MySqlWatermark : IWatermark
{
    public static readonly MySqlWatermark Instance = new();

    public string MaxLiteral(Table table, Column column, ISqlDialect dialect) =>
        $"SELECT QUOTE(MAX({dialect.Quote(column.Name)})) FROM {MySqlRangeHash.Instance.From(table, dialect)}";
}

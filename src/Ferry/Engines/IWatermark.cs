using Ferry.Schema;

namespace Ferry.Engines;

/// <summary>
/// How an engine writes the largest value of a column as a literal of its own SQL, for a sync's watermark: the
/// literal is compared again later by the same engine (<see cref="RowFilter"/>), so no value is converted on the
/// way and any type the engine can order works. The empty table's is the literal NULL.
/// </summary>
public interface IWatermark
{
    /// <summary>A query of one row and one text column: the literal of <c>max(column)</c> in <paramref name="table"/>.</summary>
    string MaxLiteral(Table table, Column column, ISqlDialect dialect);
}

public static class Watermarks
{
    /// <summary>libSQL speaks SQLite's SQL.</summary>
    public static IWatermark For(Connections.EngineKind engine) => engine switch
    {
        Connections.EngineKind.Postgres => Postgres.PostgresWatermark.Instance,
        Connections.EngineKind.MySql => MySql.MySqlWatermark.Instance,
        _ => Sqlite.SqliteWatermark.Instance,
    };
}

using Ferry.Connections;
using Ferry.Engines.MySql;
using Ferry.Engines.Postgres;
using Ferry.Engines.Sqlite;

namespace Ferry.Engines;

public static class RangeHashes
{
    /// <summary>libSQL speaks SQLite's SQL, without MD5 as SQLite is.</summary>
    public static IRangeHash For(EngineKind engine) => engine switch
    {
        EngineKind.Postgres => PostgresRangeHash.Instance,
        EngineKind.MySql => MySqlRangeHash.Instance,
        _ => SqliteRangeHash.Instance,
    };
}

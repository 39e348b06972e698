using Ferry.Connections;
using Ferry.Engines.MySql;
using Ferry.Engines.Postgres;
using Ferry.Engines.Sqlite;
using Ferry.Errors;

namespace Ferry.Engines;

public static class DdlWriters
{
    public static IDdlWriter For(EngineKind engine) => engine switch
    {
        EngineKind.Sqlite or EngineKind.Libsql => SqliteDdlWriter.Instance,
        EngineKind.Postgres => PostgresDdlWriter.Instance,
        EngineKind.MySql => MySqlDdlWriter.Instance,
        _ => throw new FerryException(FerryErrorKind.Usage, $"Ferry cannot create tables in {engine.Display()} yet."),
    };

    /// <summary>SQLite and libSQL speak one dialect: a copy between them keeps every declaration as written.</summary>
    public static bool SameDialect(EngineKind a, EngineKind b) =>
        a == b || (a is EngineKind.Sqlite or EngineKind.Libsql && b is EngineKind.Sqlite or EngineKind.Libsql);
}

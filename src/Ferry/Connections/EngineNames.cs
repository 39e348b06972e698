namespace Ferry.Connections;

public static class EngineNames
{
    /// <summary>The name people write: "PostgreSQL", not "Postgres".</summary>
    public static string Display(this EngineKind engine) => engine switch
    {
        EngineKind.Sqlite => "SQLite",
        EngineKind.Libsql => "libSQL",
        EngineKind.Postgres => "PostgreSQL",
        EngineKind.MySql => "MySQL",
        _ => engine.ToString(),
    };
}

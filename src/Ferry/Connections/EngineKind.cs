namespace Ferry.Connections;

/// <summary>The database engines Ferry speaks to.</summary>
public enum EngineKind
{
    Sqlite,
    Libsql,
    Postgres,
    MySql,
}

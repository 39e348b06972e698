using Ferry.Connections;
using Ferry.Engines.Libsql;
using Ferry.Engines.MySql;
using Ferry.Engines.Postgres;
using Ferry.Engines.Sqlite;

namespace Ferry.Engines;

/// <summary>Opens a database of whichever engine a URL names.</summary>
public static class Databases
{
    public static Task<IDatabase> OpenAsync(ConnectionTarget target, OpenOptions options, CancellationToken cancellationToken) =>
        target.Engine switch
        {
            EngineKind.Sqlite => SqliteEngine.OpenAsync(target, options, cancellationToken),
            EngineKind.Libsql => LibsqlEngine.OpenAsync(target, options, cancellationToken),
            EngineKind.Postgres => PostgresEngine.OpenAsync(target, options, cancellationToken),
            EngineKind.MySql => MySqlEngine.OpenAsync(target, options, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target.Engine, "unknown engine"),
        };

    public static Task<IDatabase> OpenAsync(string url, OpenOptions options, CancellationToken cancellationToken) =>
        OpenAsync(ConnectionUrl.Parse(url), options, cancellationToken);
}

using Ferry.Connections;
using Ferry.Engines;
using Ferry.Engines.MySql;
using Ferry.Errors;
using Ferry.Tests.Engines.Libsql;

namespace Ferry.Tests.Support;

/// <summary>Empty databases to copy into: a PostgreSQL or MySQL database or a sqld namespace of its own, or a SQLite file, removed afterwards.</summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly Func<Task> _drop;

    private ScratchDatabase(ConnectionTarget target, string url, Func<Task> drop)
    {
        Target = target;
        Url = url;
        _drop = drop;
    }

    public ConnectionTarget Target { get; }

    /// <summary>The URL a user would pass to <c>ferry</c> for this database.</summary>
    public string Url { get; }

    public static OpenOptions ReadWrite { get; } = new() { Access = AccessMode.ReadWrite, RetryFor = TimeSpan.FromSeconds(5) };

    public static Task<ScratchDatabase> PostgresAsync() => PostgresNamedAsync($"ferry copy 대상 {Guid.NewGuid():N}");

    /// <summary>A PostgreSQL database whose name is ASCII letters, digits and '_': pgloader takes the name from its URL without decoding it.</summary>
    public static Task<ScratchDatabase> PostgresPlainNameAsync() => PostgresNamedAsync($"ferry_{Guid.NewGuid():N}");

    private static Task<ScratchDatabase> PostgresNamedAsync(string name) =>
        OnServerAsync(TestServers.Postgres, name,
            q => $"CREATE DATABASE {q} ENCODING 'UTF8' TEMPLATE template0", q => $"DROP DATABASE IF EXISTS {q} WITH (FORCE)");

    /// <summary>
    /// A PostgreSQL database whose sessions get the server's messages in another language, e.g. de_DE.UTF-8
    /// (the OS must have the locale: scripts/install-deps.sh compiles de_DE.UTF-8).
    /// </summary>
    public static async Task<ScratchDatabase> PostgresWithMessagesAsync(string locale)
    {
        var scratch = await PostgresAsync();
        try
        {
            await using var admin = await Databases.OpenAsync(ConnectionUrl.Parse(TestServers.Postgres), ReadWrite, default);
            await admin.ExecuteAsync($"ALTER DATABASE {admin.Dialect.Quote(scratch.Target.Database!)} SET lc_messages = '{locale}'", default);
            return scratch;
        }
        catch (FerryException e) when (e.Server?.Code == "22023")
        {
            // invalid_parameter_value: PostgreSQL checked the locale with the OS, which has none of that name.
            await scratch.DisposeAsync();
            throw new InvalidOperationException($"The OS has no locale {locale} for PostgreSQL's lc_messages: run scripts/install-deps.sh as root, which compiles de_DE.UTF-8.", e);
        }
    }

    // MySQL names a database's directory after it: 64 characters, no '/' or '.'; a Korean one is fine.
    public static Task<ScratchDatabase> MySqlAsync() =>
        OnServerAsync(TestServers.MySql, $"ferry 대상 {Guid.NewGuid():N}",
            q => $"CREATE DATABASE {q} CHARACTER SET utf8mb4", q => $"DROP DATABASE IF EXISTS {q}");

    /// <summary>A database created on a server with a random name, given the statements with that name quoted.</summary>
    private static async Task<ScratchDatabase> OnServerAsync(string url, string name, Func<string, string> create, Func<string, string> drop)
    {
        var server = ConnectionUrl.Parse(url);
        await using (var admin = await Databases.OpenAsync(server, ReadWrite, default))
            await admin.ExecuteAsync(create(admin.Dialect.Quote(name)), default);
        var at = url.LastIndexOf('/');
        return new ScratchDatabase(server with { Database = name }, url[..(at + 1)] + Uri.EscapeDataString(name), async () =>
        {
            await using var admin = await Databases.OpenAsync(server, ReadWrite, default);
            await admin.ExecuteAsync(drop(admin.Dialect.Quote(name)), default);
        });
    }

    /// <summary>A fresh database of the engine named as the tests name them: postgres, mysql, sqld or sqlite.</summary>
    public static async Task<ScratchDatabase> ForEngineAsync(string engine) => engine switch
    {
        "postgres" => await PostgresAsync(),
        "mysql" => await MySqlAsync(),
        "sqld" => await SqldAsync(),
        "sqlite" => SqliteFile(),
        _ => throw new ArgumentException($"No scratch database for {engine}.", nameof(engine)),
    };

    public static async Task<ScratchDatabase> SqldAsync()
    {
        var ns = await SqldNamespace.CreateAsync("copy");
        return new ScratchDatabase(SqldNamespace.Parse(ns.Url), ns.Url, async () => await ns.DisposeAsync());
    }

    public static ScratchDatabase SqliteFile()
    {
        var folder = Directory.CreateTempSubdirectory("ferry-scratch-").FullName;
        var path = Path.Combine(folder, "target.db");
        return new ScratchDatabase(new ConnectionTarget { Engine = EngineKind.Sqlite, FilePath = path }, "sqlite:" + path, () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            return Task.CompletedTask;
        });
    }

    /// <summary>A name quoted in this database's dialect, for the SQL a test writes by hand.</summary>
    public string Quote(string name) => (Target.Engine == EngineKind.MySql ? MySqlDialect.Default : (ISqlDialect)AnsiDialect.Instance).Quote(name);

    public Task<IDatabase> OpenAsync() => Databases.OpenAsync(Target, ReadWrite, default);

    public async ValueTask DisposeAsync() => await _drop();
}

using Ferry.Connections;
using Ferry.Engines;
using Ferry.Tests.Engines.Libsql;

namespace Ferry.Tests.Support;

/// <summary>Empty databases to copy into: a PostgreSQL or MySQL database or a sqld namespace of its own, or a SQLite file, removed afterwards.</summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly Func<Task> _drop;

    private ScratchDatabase(ConnectionTarget target, Func<Task> drop)
    {
        Target = target;
        _drop = drop;
    }

    public ConnectionTarget Target { get; }

    public static OpenOptions ReadWrite { get; } = new() { Access = AccessMode.ReadWrite, RetryFor = TimeSpan.FromSeconds(5) };

    public static async Task<ScratchDatabase> PostgresAsync()
    {
        var server = ConnectionUrl.Parse(TestServers.Postgres);
        var name = $"ferry copy 대상 {Guid.NewGuid():N}";
        await using (var admin = await Databases.OpenAsync(server, ReadWrite, default))
            await admin.ExecuteAsync($"CREATE DATABASE {admin.Dialect.Quote(name)} ENCODING 'UTF8' TEMPLATE template0", default);
        return new ScratchDatabase(server with { Database = name }, async () =>
        {
            await using var admin = await Databases.OpenAsync(server, ReadWrite, default);
            await admin.ExecuteAsync($"DROP DATABASE IF EXISTS {admin.Dialect.Quote(name)} WITH (FORCE)", default);
        });
    }

    public static async Task<ScratchDatabase> MySqlAsync()
    {
        var server = ConnectionUrl.Parse(TestServers.MySql);
        // MySQL names a database's directory after it: 64 characters, no '/' or '.'; a Korean one is fine.
        var name = $"ferry 대상 {Guid.NewGuid():N}";
        await using (var admin = await Databases.OpenAsync(server, ReadWrite, default))
            await admin.ExecuteAsync($"CREATE DATABASE {admin.Dialect.Quote(name)} CHARACTER SET utf8mb4", default);
        return new ScratchDatabase(server with { Database = name }, async () =>
        {
            await using var admin = await Databases.OpenAsync(server, ReadWrite, default);
            await admin.ExecuteAsync($"DROP DATABASE IF EXISTS {admin.Dialect.Quote(name)}", default);
        });
    }

    public static async Task<ScratchDatabase> SqldAsync()
    {
        var ns = await SqldNamespace.CreateAsync("copy");
        return new ScratchDatabase(SqldNamespace.Parse(ns.Url), async () => await ns.DisposeAsync());
    }

    public static ScratchDatabase SqliteFile()
    {
        var folder = Directory.CreateTempSubdirectory("ferry-scratch-").FullName;
        return new ScratchDatabase(new ConnectionTarget { Engine = EngineKind.Sqlite, FilePath = Path.Combine(folder, "target.db") }, () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            return Task.CompletedTask;
        });
    }

    public Task<IDatabase> OpenAsync() => Databases.OpenAsync(Target, ReadWrite, default);

    public async ValueTask DisposeAsync() => await _drop();
}

using Ferry.Connections;
using Ferry.Engines;
using Ferry.Errors;

namespace Ferry.Migrations.Generate;

/// <summary>
/// An empty database that lives as long as one generation: SQLite (and libSQL, which speaks its dialect) in
/// memory; on PostgreSQL and MySQL a database <c>ferry_scratch_…</c> created on the server, dropped again when
/// disposed, whatever happened meanwhile.
/// </summary>
internal sealed class TemporaryDatabase : IAsyncDisposable
{
    private readonly ConnectionTarget? _server;
    private readonly OpenOptions _options;
    private string? _name;

    private TemporaryDatabase(IDatabase database, ConnectionTarget? server, string? name, OpenOptions options)
    {
        Database = database;
        _server = server;
        _name = name;
        _options = options;
    }

    public IDatabase Database { get; }

    /// <param name="server">Where a server engine's scratch database is made: the user's database URL, or --scratch.</param>
    public static async Task<TemporaryDatabase> CreateAsync(ConnectionTarget server, TimeSpan retryFor, CancellationToken ct)
    {
        var options = new OpenOptions { Access = AccessMode.ReadWrite, RetryFor = retryFor };
        if (server.Engine is EngineKind.Sqlite or EngineKind.Libsql)
            return new TemporaryDatabase(await Databases.OpenAsync(new ConnectionTarget { Engine = EngineKind.Sqlite }, options, ct).ConfigureAwait(false), null, null, options);

        var name = "ferry_scratch_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = await Databases.OpenAsync(server, options, ct).ConfigureAwait(false))
        {
            var quoted = admin.Dialect.Quote(name);
            try
            {
                await admin.ExecuteAsync(server.Engine == EngineKind.Postgres
                    ? $"CREATE DATABASE {quoted} ENCODING 'UTF8' TEMPLATE template0"
                    : $"CREATE DATABASE {quoted} CHARACTER SET utf8mb4", ct).ConfigureAwait(false);
            }
            catch (FerryException e)
            {
                throw FerryException.Restated(e, $"{server.Redacted} refused to create the scratch database {name} that generate compares schemas in " +
                    $"({(e.Server?.Text ?? e.Message).TrimEnd('.')}): name a server where this user may create databases with --scratch.");
            }
        }
        try
        {
            return new TemporaryDatabase(await Databases.OpenAsync(server with { Database = name }, options, ct).ConfigureAwait(false), server, name, options);
        }
        catch
        {
            await DropAsync(server, name, options).ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync().ConfigureAwait(false);
        if (_server is not null && _name is not null) await DropAsync(_server, _name, _options).ConfigureAwait(false);
        _name = null;
    }

    /// <summary>Not cancelled: a Ctrl-C must not leave the scratch database behind.</summary>
    private static async Task DropAsync(ConnectionTarget server, string name, OpenOptions options)
    {
        await using var admin = await Databases.OpenAsync(server, options, CancellationToken.None).ConfigureAwait(false);
        var quoted = admin.Dialect.Quote(name);
        await admin.ExecuteAsync(server.Engine == EngineKind.Postgres ? $"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)" : $"DROP DATABASE IF EXISTS {quoted}",
            CancellationToken.None).ConfigureAwait(false);
    }
}

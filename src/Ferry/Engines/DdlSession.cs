using Ferry.Connections;
using Ferry.Errors;

namespace Ferry.Engines;

/// <summary>
/// One transaction for a run of DDL, each statement under a savepoint: a statement the target refuses
/// costs only itself, and a copy killed before the commit leaves none of them behind. Only where DDL is
/// transactional and the connection holds a session: PostgreSQL and SQLite. (MySQL commits every DDL
/// statement on its own; libSQL over HTTP runs each call in a stream of its own.)
/// </summary>
public sealed class DdlSession : IAsyncDisposable
{
    private const string Savepoint = "ferry_step";
    private readonly ISqlSession _database;
    private bool _open = true;

    private DdlSession(ISqlSession database) => _database = database;

    /// <summary>A session on <paramref name="database"/>, or null where its DDL cannot share a transaction.</summary>
    public static async Task<DdlSession?> BeginAsync(ISqlSession database, CancellationToken ct)
    {
        if (database.Target.Engine is not (EngineKind.Postgres or EngineKind.Sqlite)) return null;
        await database.ExecuteAsync("BEGIN", ct).ConfigureAwait(false);
        return new DdlSession(database);
    }

    public async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await _database.ExecuteAsync($"SAVEPOINT {Savepoint}", ct).ConfigureAwait(false);
        try
        {
            await _database.ExecuteAsync(sql, ct).ConfigureAwait(false);
        }
        catch (FerryException)
        {
            await _database.ExecuteAsync($"ROLLBACK TO SAVEPOINT {Savepoint}; RELEASE SAVEPOINT {Savepoint}", ct).ConfigureAwait(false);
            throw;
        }
        await _database.ExecuteAsync($"RELEASE SAVEPOINT {Savepoint}", ct).ConfigureAwait(false);
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        await _database.ExecuteAsync("COMMIT", ct).ConfigureAwait(false);
        _open = false;
    }

    /// <summary>Not committed (an error, Ctrl-C): nothing of it stays.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_open) return;
        _open = false;
        try
        {
            await _database.ExecuteAsync("ROLLBACK", CancellationToken.None).ConfigureAwait(false);
        }
        catch (FerryException)
        {
            // The connection is gone, and the server rolled the transaction back with it.
        }
    }
}

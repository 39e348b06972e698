using Ferry.Connections;
using Ferry.Engines;
using Ferry.Engines.Libsql;
using Ferry.Errors;

namespace Ferry.Migrations;

/// <summary>Takes the engine's migration lock, waiting while another run holds it, and releases it when disposed.</summary>
public sealed class MigrationLock : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private readonly IMigrationLock _lock;

    private MigrationLock(IMigrationLock held) => _lock = held;

    public static IMigrationLock For(ISqlSession session) => session switch
    {
        LibsqlDatabase libsql => new LibsqlMigrationLock(libsql),
        _ => session.Target.Engine switch
        {
            EngineKind.Postgres => new PostgresMigrationLock(session),
            EngineKind.MySql => new MySqlMigrationLock(session),
            _ => new SqliteMigrationLock(),
        },
    };

    public static async Task<MigrationLock> AcquireAsync(ISqlSession session, TimeSpan wait, CancellationToken ct)
    {
        var candidate = For(session);
        var deadline = DateTime.UtcNow + wait;
        while (!await candidate.TryAcquireAsync(ct).ConfigureAwait(false))
        {
            if (DateTime.UtcNow >= deadline)
                throw new FerryException(FerryErrorKind.Failed,
                    $"Another migration run holds the migration lock on {session.Target.Redacted}, and it was not freed within {wait.TotalSeconds:0} s; " +
                    (candidate.HowToFree is { } how ? $"if no run is going on, free it: {how}." : "wait for that run to finish, or stop it."));
            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }
        return new MigrationLock(candidate);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _lock.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (FerryException)
        {
            // The connection is gone; PostgreSQL and MySQL freed the lock with it.
        }
    }
}

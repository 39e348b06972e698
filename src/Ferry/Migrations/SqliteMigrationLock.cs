namespace Ferry.Migrations;

/// <summary>
/// Nothing to hold across the run: a SQLite file has no lock that outlives a transaction. The runner
/// instead opens each migration's transaction with BEGIN IMMEDIATE, which takes the file's write lock
/// (a second run waits for it), and asks the history again inside it, so a migration another run applied
/// meanwhile is skipped, not run twice.
/// </summary>
internal sealed class SqliteMigrationLock : IMigrationLock
{
    public string? HowToFree => null;

    public Task<bool> TryAcquireAsync(CancellationToken ct) => Task.FromResult(true);

    public Task ReleaseAsync(CancellationToken ct) => Task.CompletedTask;
}

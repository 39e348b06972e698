namespace Ferry.Migrations;

/// <summary>
/// What keeps two runs of <c>ferry migrate up</c> on one database from both applying a migration: one
/// per engine, tried again and again by <see cref="MigrationLock"/> until it is free or the wait is over.
/// </summary>
public interface IMigrationLock
{
    /// <summary>Takes the lock if it is free, at once; false when another run holds it.</summary>
    Task<bool> TryAcquireAsync(CancellationToken ct);

    Task ReleaseAsync(CancellationToken ct);

    /// <summary>How a user frees the lock by hand when its holder died without releasing it, or null where the server frees it with the connection.</summary>
    string? HowToFree { get; }
}

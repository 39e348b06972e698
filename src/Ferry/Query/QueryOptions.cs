namespace Ferry.Query;

/// <summary>How <see cref="ReadOnlyQuery"/> runs a statement.</summary>
public sealed record QueryOptions
{
    /// <summary>Rows beyond this many are not read (the server is told to stop); null for all of them.</summary>
    public long? MaxRows { get; init; } = 1000;

    /// <summary>How long the database may run the statement before it stops it; null for no limit.</summary>
    public TimeSpan? Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Opts out of the read-only guarantee: the statement runs on a read-write session, outside any transaction Ferry opens.</summary>
    public bool Write { get; init; }

    /// <summary>
    /// Told, before the statement runs, what the connecting user can do that a read-only transaction does not
    /// restrain (a superuser, FILE): so the warning is seen whether the statement then succeeds or is refused.
    /// </summary>
    public Action<string>? Warn { get; init; }

    /// <summary>How long a server refusing connections (restarting, full) is retried while connecting.</summary>
    public TimeSpan RetryFor { get; init; } = TimeSpan.FromSeconds(10);
}

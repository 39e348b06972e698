namespace Ferry.Engines;

public sealed record OpenOptions
{
    public AccessMode Access { get; init; } = AccessMode.ReadOnly;

    /// <summary>
    /// How long transient failures (a locked SQLite file, a server refusing connections while it
    /// restarts) are retried before Ferry gives up and says so.
    /// </summary>
    public TimeSpan RetryFor { get; init; } = TimeSpan.FromSeconds(10);
}

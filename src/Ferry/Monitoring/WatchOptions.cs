namespace Ferry.Monitoring;

public sealed record WatchOptions
{
    /// <summary>Time from the start of one round of checks to the start of the next.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Tries per check before it counts as failed; each retry waits twice as long as the one before.</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>The first pause between tries.</summary>
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long one try may take before a server that accepted the connection but does not answer counts as down.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Rounds to run; null runs until cancelled.</summary>
    public int? Rounds { get; init; }
}

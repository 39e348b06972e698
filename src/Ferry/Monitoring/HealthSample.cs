using Ferry.Connections;

namespace Ferry.Monitoring;

/// <summary>One check of one database: reached or not, how fast, and what it showed.</summary>
public sealed record HealthSample
{
    /// <summary>The database, its URL redacted.</summary>
    public required string Where { get; init; }

    public required DateTimeOffset At { get; init; }

    public required bool Reachable { get; init; }

    /// <summary>Tries this check took: more than one means the first failed and was retried after a pause.</summary>
    public required int Attempts { get; init; }

    /// <summary>Checks in a row that failed, this one included; 0 when this one succeeded.</summary>
    public required int ConsecutiveFailures { get; init; }

    public EngineKind? Engine { get; init; }

    public string? Version { get; init; }

    public double? RoundTripMs { get; init; }

    /// <summary>Why the database could not be reached, in one sentence with no secret in it.</summary>
    public string? Error { get; init; }

    public HealthDetails? Details { get; init; }
}

namespace Ferry.Dump;

/// <summary>What <c>ferry dump</c> writes, and where.</summary>
public sealed record DumpOptions
{
    /// <summary>The archive to write; it must not exist yet.</summary>
    public required string Output { get; init; }
    public IReadOnlyList<string> Tables { get; init; } = [];
    public IReadOnlyList<string> Exclude { get; init; } = [];
    /// <summary>
    /// zstd's level, 1 (fastest) to 19 (smallest). At the default 3 the bench's PostgreSQL archive is 1.16 times
    /// pg_dump -Fc's and made in 0.86 of its time; at 7 it is smaller than pg_dump's, in 1.17 times its time.
    /// </summary>
    public int CompressionLevel { get; init; } = DefaultCompressionLevel;
    public const int DefaultCompressionLevel = 3;

    /// <summary>Why <paramref name="level"/> is no zstd level, as one sentence; null when it is one.</summary>
    public static string? LevelProblem(int level) =>
        level is < 1 or > 19 ? $"--compression must be a zstd level from 1 (fastest) to 19 (smallest), not {level}." : null;
}

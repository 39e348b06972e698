namespace Ferry.Verify;

public sealed record VerifyOptions
{
    public VerifyLevel Level { get; init; } = VerifyLevel.Rows;

    /// <summary>Only these tables (names or globs), as in copy.</summary>
    public IReadOnlyList<string> Tables { get; init; } = [];

    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Differences listed in full per table; the rest are counted.</summary>
    public int MaxDiffs { get; init; } = 20;

    /// <summary>Pair tables and columns whose names differ only in case (a target whose tool folded them).</summary>
    public bool IgnoreCaseNames { get; init; }
}

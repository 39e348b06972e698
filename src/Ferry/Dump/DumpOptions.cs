namespace Ferry.Dump;

/// <summary>What <c>ferry dump</c> writes, and where.</summary>
public sealed record DumpOptions
{
    /// <summary>The archive to write; it must not exist yet.</summary>
    public required string Output { get; init; }
    public IReadOnlyList<string> Tables { get; init; } = [];
    public IReadOnlyList<string> Exclude { get; init; } = [];
}

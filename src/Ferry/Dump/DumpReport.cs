namespace Ferry.Dump;

/// <summary>What a dump wrote: the archive, its size, and each table's rows and stored bytes.</summary>
public sealed record DumpReport
{
    public required string Path { get; init; }
    public required long Bytes { get; init; }
    public required IReadOnlyList<ArchivedTable> Tables { get; init; }
    /// <summary>What the archive holds of the schema beside the tables, and what it does not carry.</summary>
    public required IReadOnlyList<string> Notes { get; init; }
    public required TimeSpan Elapsed { get; init; }
}

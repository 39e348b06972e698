namespace Ferry.Verify;

public sealed record VerifyReport
{
    public required VerifyLevel Level { get; init; }
    public required IReadOnlyList<TableVerdict> Tables { get; init; }
    public TimeSpan Elapsed { get; init; }

    /// <summary>True when every table is on both sides with the same shape and, at the level asked, the same content.</summary>
    public bool Same => Tables.All(t => t.Status == TableStatus.Same && t.Schema.Count == 0);

    /// <summary>
    /// True when every table is on both sides with the same columns and content, whatever their types, keys and indexes
    /// (<c>--allow-schema-differences</c>): a target whose shape was changed on purpose still proves its rows.
    /// </summary>
    public bool SameContent => Tables.All(t => t.Status == TableStatus.Same && !t.Schema.Any(s => s.AboutContent));
}

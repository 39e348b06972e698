namespace Ferry.Verify;

public enum TableStatus
{
    Same,
    Differs,
    OnlyInSource,
    OnlyInTarget,
}

/// <summary>What verify found for one table.</summary>
public sealed record TableVerdict
{
    public required string Table { get; init; }
    public required TableStatus Status { get; init; }
    public long? SourceRows { get; init; }
    public long? TargetRows { get; init; }
    /// <summary>Differences found in rows (counted, whether listed or not); null when the level did not look for them.</summary>
    public long? Differences { get; init; }
    public IReadOnlyList<RowDifference> Listed { get; init; } = [];
    /// <summary>Columns on one side only, types, nullability, keys, indexes, foreign keys and checks that differ (<see cref="SchemaComparison"/>).</summary>
    public IReadOnlyList<SchemaDifference> Schema { get; init; } = [];
    /// <summary>The two sides' content checksums (hex), when the level computed them.</summary>
    public string? SourceChecksum { get; init; }
    public string? TargetChecksum { get; init; }
    /// <summary>Why the rows that differ could not be named, when they could not.</summary>
    public string? Note { get; init; }
    /// <summary>Queries both sides answered for this table's content: what reading only the ranges that differ saves.</summary>
    public int? RoundTrips { get; init; }
    /// <summary>Rows (and the keys picked to split ranges at) both sides sent Ferry for this table's content.</summary>
    public long? RowsRead { get; init; }
    public TimeSpan Elapsed { get; init; }
}

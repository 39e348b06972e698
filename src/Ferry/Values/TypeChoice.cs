using Ferry.Schema;

namespace Ferry.Values;

/// <summary>
/// The target type chosen for one column, the conversion its values need, and the evidence for the
/// choice in words (what --dry-run prints, and what a user reads when a choice surprises them).
/// </summary>
public sealed record TypeChoice
{
    public required NeutralType Type { get; init; }
    public int? Length { get; init; }
    public int? Precision { get; init; }
    public int? Scale { get; init; }
    public ValueConversion Conversion { get; init; }
    public required string Evidence { get; init; }

    /// <summary>Values of storage classes the chosen type cannot hold: each such row is refused with a reason.</summary>
    public long RowsToRefuse { get; init; }
}

namespace Ferry.Verify;

public enum DifferenceKind
{
    /// <summary>The source holds a row with this key; the target does not.</summary>
    Missing,
    /// <summary>The target holds a row with this key; the source does not.</summary>
    Extra,
    /// <summary>Both hold the key; this column's values differ.</summary>
    Changed,
    /// <summary>The source's value has no exact form in the target's type, so no target value can equal it.</summary>
    Refused,
}

/// <summary>One difference, named by table, key and column, with both values as text.</summary>
public sealed record RowDifference(string Table, string Key, DifferenceKind Kind, string? Column = null, string? Source = null, string? Target = null);

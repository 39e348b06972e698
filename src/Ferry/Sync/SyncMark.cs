namespace Ferry.Sync;

/// <summary>
/// One watermark: the largest value of a table's <see cref="Column"/> as the source wrote it in its own SQL
/// (<see cref="Engines.IWatermark"/>), taken just before a run read the table, and when (Ferry's clock, UTC).
/// </summary>
public sealed record SyncMark(string Table, string Column, string Literal, DateTime TakenAt)
{
    /// <summary>The source held no value of the column: the table was empty, or the column all NULL.</summary>
    public bool Empty => string.Equals(Literal, "NULL", StringComparison.OrdinalIgnoreCase);
}

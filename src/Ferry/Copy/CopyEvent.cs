namespace Ferry.Copy;

/// <summary>What a copy tells its front end as it goes: a step, or rows moved in one table.</summary>
public abstract record CopyEvent
{
    /// <summary>A <see cref="Rows"/> event every this many rows: a sign of life, not a cost (copy and verify alike).</summary>
    public const int RowsEvery = 10_000;

    public sealed record Step(string Text) : CopyEvent;
    public sealed record TableStarted(string Table, long? ExpectedRows) : CopyEvent;
    public sealed record Rows(string Table, long Read, long Written) : CopyEvent;
    public sealed record TableDone(TableReport Report) : CopyEvent;
}

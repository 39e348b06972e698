namespace Ferry.Copy;

/// <summary>What a copy tells its front end as it goes: a step, or rows moved in one table.</summary>
public abstract record CopyEvent
{
    public sealed record Step(string Text) : CopyEvent;
    public sealed record TableStarted(string Table, long? ExpectedRows) : CopyEvent;
    public sealed record Rows(string Table, long Read, long Written) : CopyEvent;
    public sealed record TableDone(TableReport Report) : CopyEvent;
}

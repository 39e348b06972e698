using Ferry.Copy;

namespace Ferry.Sync;

/// <summary>What one run did to one table.</summary>
public sealed record SyncTableReport
{
    public required string Table { get; init; }
    /// <summary>Which rows were read, in words: all of them, or from which watermark.</summary>
    public required string Window { get; init; }
    public long Read { get; init; }
    /// <summary>
    /// Rows written over the target's row of the same key, or added where it had none. Not split into inserts and
    /// updates: only counting the target before and after could tell, and that costs more than a run.
    /// </summary>
    public long Written { get; init; }
    /// <summary>Rows the target held and the source no longer does; null when deletes were not looked for.</summary>
    public long? Deleted { get; init; }
    /// <summary>The watermark this run took, from which a later run starts once it is old enough.</summary>
    public required string Mark { get; init; }
}

public sealed record SyncReport
{
    public required IReadOnlyList<SyncTableReport> Tables { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }
    /// <summary>What was not carried as it is: refused steps or rows, counts that differ. Any of these fails the run.</summary>
    public required IReadOnlyList<string> Problems { get; init; }
    public required TimeSpan Elapsed { get; init; }
    /// <summary>The copies the run made: the first copy of new tables, then the window of the others.</summary>
    public IReadOnlyList<CopyReport> Copies { get; init; } = [];
}

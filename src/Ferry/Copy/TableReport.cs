namespace Ferry.Copy;

/// <summary>What happened to one table: every source row is either written or refused.</summary>
public sealed record TableReport
{
    public required string Table { get; init; }
    public long Read { get; init; }
    public long Written { get; init; }
    public long Refused { get; init; }
    /// <summary>Rows not copied because the target refused to create the table.</summary>
    public long NotCopied { get; init; }
    /// <summary>Rows whose key the target already held: skipped or used to update, as --on-conflict said.</summary>
    public long Conflicts { get; init; }
    /// <summary>Rows in the target afterwards, counted by the target, not by Ferry.</summary>
    public long? TargetRows { get; init; }
    public TimeSpan Elapsed { get; init; }
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Written / Elapsed.TotalSeconds : 0;
}

public sealed record CopyReport
{
    public required IReadOnlyList<TableReport> Tables { get; init; }
    /// <summary>Every DDL step of the plan and what became of it, in the order they ran.</summary>
    public IReadOnlyList<Ddl.StepOutcome> Steps { get; init; } = [];
    public required IReadOnlyList<string> Warnings { get; init; }
    /// <summary>What was not copied as it was: refused rows, foreign keys left out, counts that differ. Any of these fails the copy.</summary>
    public required IReadOnlyList<string> Problems { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public long Read => Tables.Sum(t => t.Read);
    public long Written => Tables.Sum(t => t.Written);
    public long Refused => Tables.Sum(t => t.Refused);
    public long Conflicts => Tables.Sum(t => t.Conflicts);
}

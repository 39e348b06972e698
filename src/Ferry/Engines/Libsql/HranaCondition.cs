namespace Ferry.Engines.Libsql;

/// <summary>
/// Hrana's <c>BatchCond</c>: when a batch step runs. Conditions let one HTTP round trip carry a whole
/// transaction — each statement runs only if the one before succeeded, and ROLLBACK only on failure.
/// </summary>
internal abstract record HranaCondition
{
    /// <summary>True if <paramref name="Step"/> ran and succeeded (false if it was skipped).</summary>
    public sealed record Ok(int Step) : HranaCondition;

    /// <summary>True if <paramref name="Step"/> ran and failed.</summary>
    public sealed record Error(int Step) : HranaCondition;

    public sealed record Not(HranaCondition Condition) : HranaCondition;

    public sealed record And(IReadOnlyList<HranaCondition> Conditions) : HranaCondition;

    public sealed record Or(IReadOnlyList<HranaCondition> Conditions) : HranaCondition;

    /// <summary>True outside an explicit transaction (Hrana 3).</summary>
    public sealed record IsAutocommit : HranaCondition;
}

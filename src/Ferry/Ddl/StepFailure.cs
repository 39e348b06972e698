namespace Ferry.Ddl;

/// <summary>What a refused step costs. No refused step stops the steps that do not need it.</summary>
public enum StepFailure
{
    /// <summary>The table is not there: its rows are not copied and the steps that need it are skipped. A problem (exit 1).</summary>
    SkipTable,
    /// <summary>The object is left out and the copy is not as the source was: a problem (exit 1). Keys, foreign keys, identities.</summary>
    Problem,
    /// <summary>The object is left out with a warning; the rows are all there. Indexes, checks, views, triggers, statistics.</summary>
    Warning,
}

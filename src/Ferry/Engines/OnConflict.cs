namespace Ferry.Engines;

/// <summary>What a bulk write does with a row whose key the target already holds.</summary>
public enum OnConflict
{
    /// <summary>The write fails and nothing of it is kept.</summary>
    Fail,
    /// <summary>The existing row stays; the new one is counted as skipped (the seeds' INSERT OR IGNORE, for key conflicts only).</summary>
    Skip,
    /// <summary>The existing row takes the new row's values.</summary>
    Update,
}

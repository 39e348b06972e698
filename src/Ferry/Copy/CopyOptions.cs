namespace Ferry.Copy;

/// <summary>What to do with a target table that already exists.</summary>
public enum IfExists
{
    /// <summary>Fill it if it is empty; refuse if it holds rows (the default: nothing is overwritten).</summary>
    Fail,
    /// <summary>Empty it first.</summary>
    Truncate,
    /// <summary>Add the rows to what is there.</summary>
    Append,
    /// <summary>Drop it and create it anew from the source.</summary>
    Drop,
}

public sealed record CopyOptions
{
    public IReadOnlyList<string> Tables { get; init; } = [];
    public IReadOnlyList<string> Exclude { get; init; } = [];
    public bool SchemaOnly { get; init; }
    public bool DataOnly { get; init; }
    public IfExists IfExists { get; init; } = IfExists.Fail;
    /// <summary>Rows whose key the target already holds (with --if-exists append): fail, skip them, or update the target's.</summary>
    public Engines.OnConflict OnConflict { get; init; } = Engines.OnConflict.Fail;
    public bool DryRun { get; init; }

    /// <summary>PostgreSQL: build indexes with CREATE INDEX CONCURRENTLY, for a target that is in use while the copy runs.</summary>
    public bool Online { get; init; }
    /// <summary>Tables loaded at once, each on its own pair of connections (server targets only).</summary>
    public int Jobs { get; init; } = 1;
    /// <summary>Rows read ahead and sent per request (a libSQL batch, a MySQL LOAD DATA file); null for each engine's default.</summary>
    public int? BatchSize { get; init; }
    /// <summary>Where refused rows are written (JSON lines); without it the first refused row stops the copy.</summary>
    public string? RejectsFile { get; init; }
    /// <summary>PostgreSQL and MySQL: add foreign keys that existing rows violate without checking them (NOT VALID) instead of failing.</summary>
    public bool ForeignKeysNotValid { get; init; }
    /// <summary>Finish a copy that was interrupted, from its journal.</summary>
    public bool Resume { get; init; }
    /// <summary>The checkpoint journal; by default one per source and target pair under ./.ferry.</summary>
    public string? JournalPath { get; init; }
    /// <summary><c>table.column=type</c> overrides of the type the copy would choose.</summary>
    public IReadOnlyList<string> Casts { get; init; } = [];

    /// <summary>
    /// Types that stand whatever the values say, as a <c>--cast</c> would: a sync loading into tables that already
    /// exist takes their columns' types, so a window of rows decides only how its values are read.
    /// </summary>
    public IReadOnlyList<CastOverride> Types { get; init; } = [];

    /// <summary>Only some rows of these tables (by source name) are read: a sync's window.</summary>
    public IReadOnlyDictionary<string, Schema.RowFilter> Filters { get; init; } = new Dictionary<string, Schema.RowFilter>();

    /// <summary>
    /// Running the same copy again repeats its writes harmlessly (a sync's upserts), so a journal left by an
    /// interrupted run is started over instead of refused.
    /// </summary>
    public bool Replayable { get; init; }

    /// <summary>
    /// With --data-only and --if-exists append: a few rows added to tables that hold the rest (a sync's window). No
    /// table is counted (the counts would cost more than the load) and no statistics are refreshed (too few rows
    /// change for the planner to need it; autovacuum or the next copy sees to them).
    /// </summary>
    public bool Incremental { get; init; }
}

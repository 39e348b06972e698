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
}

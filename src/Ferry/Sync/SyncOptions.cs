namespace Ferry.Sync;

public sealed record SyncOptions
{
    /// <summary>The tables to keep current (names or globs, as in copy); every table when empty.</summary>
    public IReadOnlyList<string> Tables { get; init; } = [];

    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>
    /// The column whose value grows with every insert or update (<c>updated_at</c>), or with every insert only (an
    /// increasing key): <c>column</c> for every table, or <c>table.column</c> for one.
    /// </summary>
    public required IReadOnlyList<string> By { get; init; }

    /// <summary>
    /// How long a transaction may stay open between taking its value of the column and committing: rows written that
    /// much before the last run are read again, so a late commit is not missed. Upserts make the re-read harmless.
    /// </summary>
    public TimeSpan Overlap { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Also delete from the target the rows whose key the source no longer holds, found by verify's key-range checksums over the keys.</summary>
    public bool DetectDeletes { get; init; }

    /// <summary>Passed to each copy: tables loaded at once, rows per request.</summary>
    public int Jobs { get; init; } = 1;

    public int? BatchSize { get; init; }

    /// <summary>The journal of the copies a sync runs; by default one per source and target pair under ./.ferry.</summary>
    public string? JournalPath { get; init; }
}

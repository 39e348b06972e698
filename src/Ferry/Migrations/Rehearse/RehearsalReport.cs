using Ferry.Migrations.Lint;

namespace Ferry.Migrations.Rehearse;

/// <summary>What a rehearsal did: the copy into the scratch, each migration applied there (and the failure, if one failed), every table checked, the total time.</summary>
public sealed record RehearsalReport
{
    public required TimeSpan CopyElapsed { get; init; }
    public required IReadOnlyList<string> CopyProblems { get; init; }
    public required IReadOnlyList<Migration> Attempted { get; init; }
    public required MigrationRunResult Run { get; init; }
    public required IReadOnlyList<TableCheck> Tables { get; init; }
    public required IReadOnlyList<LintFinding> Findings { get; init; }
    public required TimeSpan Elapsed { get; init; }

    public bool Succeeded => Run.Succeeded && CopyProblems.Count == 0 && Tables.All(t => t.Ok);
}

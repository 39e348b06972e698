namespace Ferry.Migrations;

/// <summary>A migration the run applied (or undid), and how long that took; <see cref="ByAnotherRun"/> when a concurrent run got there first and this one did nothing.</summary>
public sealed record MigrationOutcome(Migration Migration, TimeSpan Elapsed, bool ByAnotherRun = false);

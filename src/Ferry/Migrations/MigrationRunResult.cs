namespace Ferry.Migrations;

/// <summary>What a run did: the migrations it applied or undid, in order, its total time, and where it stopped if it failed.</summary>
public sealed record MigrationRunResult(IReadOnlyList<MigrationOutcome> Done, TimeSpan Elapsed, MigrationFailure? Failure)
{
    public bool Succeeded => Failure is null;
}

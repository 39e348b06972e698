namespace Ferry.Migrations;

/// <summary>One line of <c>ferry migrate status</c>: a migration from the folder, the history, or both.</summary>
public sealed record MigrationStatus(MigrationState State, long Order, string Name, Migration? Migration, AppliedMigration? Row, MigrationFailureRecord? Failure);

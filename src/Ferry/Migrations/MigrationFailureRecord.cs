namespace Ferry.Migrations;

/// <summary>A failure as <see cref="MigrationFailures"/> keeps it: statement is 1-based, of <c>Statements</c>.</summary>
public sealed record MigrationFailureRecord(long Order, string Name, int Statement, int Statements, string Error, string FailedAt);

namespace Ferry.Migrations;

/// <summary>A row of the history table: which migration (by <see cref="Migration.Order"/>), the hash its file had, and when, where the table says.</summary>
public sealed record AppliedMigration(long Order, string Hash, string? Name, string? AppliedAt);

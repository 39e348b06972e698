namespace Ferry.Migrations.Generate;

/// <summary>What was generated: the changes, the statements of each part, and the files written (none when nothing differs).</summary>
public sealed record GeneratedMigration(SchemaChanges Changes, IReadOnlyList<string> Up, IReadOnlyList<string> Down, IReadOnlyList<string> Files, MigrationFormat Format);

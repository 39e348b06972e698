using Ferry.Schema;

namespace Ferry.Migrations.Generate;

/// <summary>The changes that take <see cref="From"/> to <see cref="To"/>, in the order they run, and what a person should look at.</summary>
public sealed record SchemaChanges(DatabaseSchema From, DatabaseSchema To, IReadOnlyList<SchemaChange> Changes, IReadOnlyList<string> Warnings)
{
    public bool None => Changes.Count == 0;
}

using Ferry.Schema;

namespace Ferry.Engines.Sqlite;

/// <summary>What a CREATE TABLE statement says that SQLite's PRAGMAs do not.</summary>
internal sealed class SqliteTableDefinition
{
    public Dictionary<string, SqliteColumnClauses> Columns { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<CheckConstraint> Checks { get; } = [];
    public List<UniqueConstraint> NamedUniques { get; } = [];
    public string? PrimaryKeyName { get; set; }
    public bool WithoutRowId { get; set; }
}

internal sealed class SqliteColumnClauses
{
    public string? Collation { get; set; }
    public string? GeneratedExpression { get; set; }
    public bool GeneratedStored { get; set; }
    public bool AutoIncrement { get; set; }
}

namespace Ferry.Schema;

public sealed record Table
{
    /// <summary>The namespace (PostgreSQL schema); null on SQLite and MySQL, where the database is the namespace.</summary>
    public string? Schema { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<Column> Columns { get; init; }
    public PrimaryKey? PrimaryKey { get; init; }
    public IReadOnlyList<UniqueConstraint> Uniques { get; init; } = [];
    public IReadOnlyList<ForeignKey> ForeignKeys { get; init; } = [];
    public IReadOnlyList<Index> Indexes { get; init; } = [];
    public IReadOnlyList<CheckConstraint> Checks { get; init; } = [];
    /// <summary>
    /// SQLite: the CREATE TABLE statement as stored in sqlite_master. A copy between engines of SQLite's
    /// storage model runs it as written, so its target keeps the very text the source has.
    /// </summary>
    public string? Definition { get; init; }
    /// <summary>SQLite: the table has no rowid.</summary>
    public bool WithoutRowId { get; init; }
    public long? RowCount { get; init; }
    /// <summary>Only these rows are read (a sync's window); every row when null.</summary>
    public RowFilter? Filter { get; init; }
    /// <summary>Bytes used by the table with its indexes, as the engine reports it.</summary>
    public long? SizeBytes { get; init; }

    public string QualifiedName => Schema is null ? Name : $"{Schema}.{Name}";

    public Column? FindColumn(string name) => Columns.FirstOrDefault(c => c.Name == name);
}

using Ferry.Connections;

namespace Ferry.Schema;

/// <summary>Everything an engine told Ferry about one database, in engine-neutral terms.</summary>
public sealed record DatabaseSchema
{
    public required EngineKind Engine { get; init; }
    public required string ServerVersion { get; init; }
    public required IReadOnlyList<Table> Tables { get; init; }
    public IReadOnlyList<View> Views { get; init; } = [];
    public IReadOnlyList<Trigger> Triggers { get; init; } = [];
    public IReadOnlyList<Sequence> Sequences { get; init; } = [];
    /// <summary>PostgreSQL: the user's functions and procedures, read only for a copy into PostgreSQL (<c>WithObjectDefinitionsAsync</c>).</summary>
    public IReadOnlyList<Function> Functions { get; init; } = [];
    /// <summary>PostgreSQL: the user's schemas (namespaces), empty ones included.</summary>
    public IReadOnlyList<string> Schemas { get; init; } = [];
    /// <summary>PostgreSQL: the enums, domains and extension types the tables' columns use, each after the ones it needs.</summary>
    public IReadOnlyList<UserType> Types { get; init; } = [];
    /// <summary>PostgreSQL, read for a copy into PostgreSQL: every extension but plpgsql, in the order they were installed.</summary>
    public IReadOnlyList<Extension> Extensions { get; init; } = [];
    /// <summary>PostgreSQL, read for a copy into PostgreSQL: the tables with row-level security on.</summary>
    public IReadOnlyList<RowSecurity> RowSecurity { get; init; } = [];
    public IReadOnlyList<Policy> Policies { get; init; } = [];
    public IReadOnlyList<Comment> Comments { get; init; } = [];
    /// <summary>What a copy within the engine does not carry and the database holds, one phrase each ("privileges (GRANT) on users, posts").</summary>
    public IReadOnlyList<string> NotCarried { get; init; } = [];
    /// <summary>The whole database's size in bytes, where the engine reports it.</summary>
    public long? SizeBytes { get; init; }
    /// <summary>PostgreSQL and MySQL: sessions open on this database right now, this one included.</summary>
    public int? OpenConnections { get; init; }

    public Table? FindTable(string name) => Tables.FirstOrDefault(t => t.Name == name);
}

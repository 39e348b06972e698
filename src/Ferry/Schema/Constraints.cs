namespace Ferry.Schema;

/// <summary>A primary key: its name where the engine keeps one, and its columns in key order.</summary>
public sealed record PrimaryKey(string? Name, IReadOnlyList<string> Columns);

/// <summary>A UNIQUE constraint (as opposed to a unique index, which is an <see cref="Index"/>).</summary>
public sealed record UniqueConstraint(string? Name, IReadOnlyList<string> Columns);

public sealed record CheckConstraint(string? Name, string Expression);

public enum ForeignKeyAction
{
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

public sealed record ForeignKey
{
    public string? Name { get; init; }
    public required IReadOnlyList<string> Columns { get; init; }
    public string? ReferencedSchema { get; init; }
    public required string ReferencedTable { get; init; }
    public required IReadOnlyList<string> ReferencedColumns { get; init; }
    public ForeignKeyAction OnDelete { get; init; } = ForeignKeyAction.NoAction;
    public ForeignKeyAction OnUpdate { get; init; } = ForeignKeyAction.NoAction;
}

/// <summary>
/// An index. <see cref="Columns"/> holds a column name, or null where that key part is an expression;
/// <see cref="Definition"/> keeps the engine's own text so nothing is lost for what the model cannot say.
/// </summary>
public sealed record Index
{
    public required string Name { get; init; }
    public required IReadOnlyList<string?> Columns { get; init; }
    public bool Unique { get; init; }
    /// <summary>The WHERE clause of a partial index.</summary>
    public string? Predicate { get; init; }
    /// <summary>True when any key part is an expression rather than a column.</summary>
    public bool HasExpressions => Columns.Any(c => c is null);
    public string? Definition { get; init; }
    /// <summary>For an index with expression parts: its whole key list as SQL, e.g. <c>lower("name"), id</c>.</summary>
    public string? KeyExpression { get; init; }
    /// <summary>True when the engine made it to back a PRIMARY KEY or UNIQUE constraint.</summary>
    public bool BacksConstraint { get; init; }
}

/// <summary>
/// A view. <see cref="Definition"/> is the engine's text for it: SQLite's whole CREATE VIEW; PostgreSQL's and
/// MySQL's SELECT, or the whole CREATE statement once a same-engine copy asked for it (<c>WithObjectDefinitionsAsync</c>).
/// </summary>
public sealed record View(string? Schema, string Name, string Definition)
{
    /// <summary>PostgreSQL: a materialized view, whose rows the target computes when it is created.</summary>
    public bool Materialized { get; init; }

    /// <summary>PostgreSQL: the tables it reads, so a view over a table the target refused is skipped, not sent.</summary>
    public IReadOnlyList<string> Reads { get; init; } = [];

    /// <summary>PostgreSQL: a materialized view's indexes (a unique one lets REFRESH … CONCURRENTLY run).</summary>
    public IReadOnlyList<ViewIndex> Indexes { get; init; } = [];

    public string QualifiedName => Schema is null ? Name : $"{Schema}.{Name}";
}

/// <summary>PostgreSQL: an index of the materialized view <see cref="View"/>, as the whole CREATE INDEX statement.</summary>
public sealed record ViewIndex(string View, string Name, string Definition);

/// <summary>A trigger on <see cref="Table"/>; <see cref="Definition"/> is its whole CREATE TRIGGER statement.</summary>
public sealed record Trigger(string Name, string Table, string Definition)
{
    /// <summary>PostgreSQL: the qualified name of the function it runs, so a trigger whose function the target refused is skipped.</summary>
    public string? Function { get; init; }
}

/// <summary>
/// PostgreSQL: a function or procedure of the user's (a trigger's plpgsql function among them), with its whole
/// CREATE statement as pg_get_functiondef writes it, names qualified by schema.
/// </summary>
public sealed record Function(string Schema, string Name, string Definition)
{
    /// <summary>
    /// Its signature names a table's row type (RETURNS SETOF notes): it can only be made once the tables are.
    /// Every other function is made before them, so a column default, a generated column or a check may call it.
    /// </summary>
    public bool NeedsTables { get; init; }

    public string QualifiedName => $"{Schema}.{Name}";
}

/// <summary>A sequence, or SQLite's <c>sqlite_sequence</c> row, or MySQL's next AUTO_INCREMENT value.</summary>
public sealed record Sequence
{
    public string? Schema { get; init; }
    public required string Name { get; init; }
    /// <summary>The table and column it feeds, where the engine records that.</summary>
    public string? OwnedByTable { get; init; }
    public string? OwnedByColumn { get; init; }
    /// <summary>The last value handed out, where known.</summary>
    public long? LastValue { get; init; }
    /// <summary>
    /// PostgreSQL: the sequence's own state, which <see cref="LastValue"/> cannot say when nothing was handed
    /// out since a restart: the value it holds and whether that value was already handed out (setval's arguments).
    /// </summary>
    public (long Value, bool IsCalled)? Position { get; init; }
    /// <summary>PostgreSQL: its options as CREATE SEQUENCE writes them (START WITH … INCREMENT BY … CYCLE).</summary>
    public string? Options { get; init; }
}

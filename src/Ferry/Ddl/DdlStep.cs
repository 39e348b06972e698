namespace Ferry.Ddl;

/// <summary>
/// One statement of a copy's schema work: what it makes, on which table, the exact SQL, and what its
/// failure costs. A plan's steps are one list that --dry-run prints and the copy runs, in that order.
/// </summary>
public sealed record DdlStep
{
    public required StepKind Kind { get; init; }

    /// <summary>The table the step belongs to (for a view, a type, a function or a schema, that object itself).</summary>
    public required string Table { get; init; }

    /// <summary>The object made, in words: "index Message_createdAt_idx", "foreign key (userId) → User".</summary>
    public required string Object { get; init; }

    public required string Sql { get; init; }

    public required StepFailure OnFailure { get; init; }

    /// <summary>A step of a kind that otherwise follows the load, run before the tables are created (a function a column default calls).</summary>
    public bool BeforeTables { get; init; }

    /// <summary>True for steps that run after the rows are loaded (everything but schemas, extensions, types, sequences, early functions and CREATE TABLE).</summary>
    public bool AfterLoad => !BeforeTables && Kind is not (StepKind.CreateSchema or StepKind.CreateExtension or StepKind.CreateType or StepKind.CreateSequence or StepKind.CreateTable);

    /// <summary>Other tables the step needs (a foreign key's referenced table): skipped when one of them could not be created.</summary>
    public IReadOnlyList<string> Needs { get; init; } = [];

    /// <summary>Run instead when the target refuses <see cref="Sql"/>, with the reason said as a warning (a table without the checks SQLite cannot parse).</summary>
    public DdlStep? Fallback { get; init; }

    /// <summary>
    /// Why the planner refuses the step up front, or null: the target would cut or merge a name it holds
    /// (PostgreSQL keeps 63 bytes; SQLite and MySQL take "Email" and "email" for one column). Such a step is
    /// never sent, and costs what <see cref="OnFailure"/> says, as if the target had refused it.
    /// </summary>
    public string? Refusal { get; init; }

    /// <summary>The model object the step makes (a key, an index, a check…), so a resumed copy can tell whether it is already there.</summary>
    public object? Subject { get; init; }
}

using Ferry.Schema;

namespace Ferry.Copy;

/// <summary>
/// What this run changed in the target, so a copy stopped by a refused value can put the target back as
/// it found it: drop the tables and schemas it created, empty the tables that were empty. That is possible only while
/// the run has destroyed nothing (no rows truncated, no table dropped, no rows appended to a user's
/// table, no resumed copy whose earlier part this run cannot tell apart).
/// </summary>
internal sealed class UndoLog
{
    private readonly List<Table> _created = [];
    private readonly List<Table> _wereEmpty = [];
    private readonly List<string> _schemas = [];

    /// <summary>Why the run cannot be undone, or null while it can.</summary>
    public string? Irreversible { get; private set; }

    public IReadOnlyList<Table> CreatedTables => _created;

    public IReadOnlyList<Table> EmptyBefore => _wereEmpty;

    /// <summary>PostgreSQL: the schemas this run made, which the target did not have before it.</summary>
    public IReadOnlyList<string> CreatedSchemas => _schemas;

    /// <summary>Before --if-exists acts on <paramref name="existing"/>, the target tables the copy will write into.</summary>
    public void Record(CopyOptions options, IReadOnlyList<Table> existing)
    {
        if (options.Resume) Irreversible = "this run resumed an interrupted copy";
        else if (options.IfExists == IfExists.Drop && existing.Count > 0) Irreversible = $"--if-exists drop dropped {Names(existing)}";
        // A table not counted (an incremental copy's) may hold rows.
        else if (existing.Where(t => t.RowCount is not 0).ToList() is { Count: > 0 } full)
            Irreversible = options.IfExists == IfExists.Truncate ? $"--if-exists truncate emptied {Names(full)}" : $"rows were appended to {Names(full)}";
        lock (_wereEmpty) _wereEmpty.AddRange(existing.Where(t => t.RowCount == 0));
    }

    public void Created(Table table)
    {
        lock (_created) _created.Add(table);
    }

    public void CreatedSchema(string schema)
    {
        lock (_schemas) _schemas.Add(schema);
    }

    private static string Names(IEnumerable<Table> tables) => string.Join(", ", tables.Select(t => t.Name));
}

namespace Ferry.Monitoring;

/// <summary>
/// What one look at a database shows beyond "it answers": sizes, sessions and what they run. Each part is
/// null where the engine has no such thing (a SQLite file has no sessions), never a made-up zero.
/// </summary>
public sealed record HealthDetails
{
    public long? DatabaseSizeBytes { get; init; }

    /// <summary>The largest tables first, at most <see cref="HealthQueries.Largest"/>.</summary>
    public IReadOnlyList<TableSize> LargestTables { get; init; } = [];

    /// <summary>Open sessions on this database by state (PostgreSQL <c>state</c>, MySQL <c>COMMAND</c>), this one included.</summary>
    public IReadOnlyDictionary<string, int>? Connections { get; init; }

    /// <summary>The statement running longest right now in another session, if any runs.</summary>
    public RunningQuery? LongestQuery { get; init; }

    /// <summary>PostgreSQL with <c>pg_stat_statements</c>: the statements that took the most time in total.</summary>
    public IReadOnlyList<StatementTotal>? TopStatements { get; init; }

    /// <summary>Why a part is missing, when the reason is something the user can change (an extension not installed).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

public sealed record TableSize(string Name, long? SizeBytes, long? Rows);

public sealed record RunningQuery(double Seconds, string State, string Text);

public sealed record StatementTotal(long Calls, double TotalMs, double MeanMs, string Text);

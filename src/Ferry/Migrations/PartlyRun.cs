namespace Ferry.Migrations;

/// <summary>What stays of a migration that failed outside a transaction at a given statement, in words, for every message that says so.</summary>
public static class PartlyRun
{
    /// <summary>"nothing of it ran", "statement 1 ran and stays", "statements 1 to 3 ran and stay", for a failure at statement <paramref name="failedAt"/> (1-based).</summary>
    public static string Describe(int failedAt) => failedAt switch
    {
        <= 1 => "nothing of it ran",
        2 => "statement 1 ran and stays",
        _ => $"statements 1 to {failedAt - 1} ran and stay",
    };
}

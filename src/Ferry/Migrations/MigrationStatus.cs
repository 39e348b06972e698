namespace Ferry.Migrations;

/// <summary>One line of <c>ferry migrate status</c>: a migration from the folder, the history, or both.</summary>
public sealed record MigrationStatus(MigrationState State, long Order, string Name, Migration? Migration, AppliedMigration? Row, MigrationFailureRecord? Failure)
{
    /// <summary>The start of the statement a failed migration stopped at, read from its file as it is now, or null.</summary>
    public string? FailedStatement =>
        Failure is { } f && Migration is { } m && f.Statement >= 1 && f.Statement <= m.Statements.Count
            ? Engines.SqlScript.Excerpt(m.Statements[f.Statement - 1])
            : null;
}

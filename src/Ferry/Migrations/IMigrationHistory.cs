using Ferry.Engines;

namespace Ferry.Migrations;

/// <summary>
/// The table that records which migrations ran. Each format has its own (<see cref="FerryHistory"/>,
/// <see cref="DrizzleHistory"/>); what differs per engine is only the text of its statements. The runner
/// runs the statements it gives inside the migration's own transaction, so a migration and its row commit together.
/// </summary>
public interface IMigrationHistory
{
    TableName Table { get; }

    /// <summary>The statements that create the table (and its schema) when it is missing; safe to run again.</summary>
    IReadOnlyList<string> Create { get; }

    /// <summary>Every row, oldest first.</summary>
    Task<IReadOnlyList<AppliedMigration>> ReadAsync(CancellationToken ct);

    /// <summary>The statement that records <paramref name="migration"/> as applied, having taken <paramref name="elapsed"/>.</summary>
    string Record(Migration migration, TimeSpan elapsed);

    /// <summary>The statement that removes <paramref name="migration"/>'s row (after its down part ran).</summary>
    string Forget(Migration migration);

    /// <summary>A query that counts <paramref name="migration"/>'s rows: asked again inside a migration's transaction, where another run may have applied it meanwhile.</summary>
    string CountOf(Migration migration);

    /// <summary>The history a folder of <paramref name="format"/> is recorded in.</summary>
    static IMigrationHistory For(MigrationFormat format, ISqlSession session) =>
        format == MigrationFormat.Drizzle ? new DrizzleHistory(session) : new FerryHistory(session);
}

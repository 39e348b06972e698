using Ferry.Engines;
using Ferry.Errors;

namespace Ferry.Migrations;

/// <summary>
/// Foreign keys around a SQLite migration. <c>PRAGMA foreign_keys</c> is a no-op inside a transaction, so a
/// table rebuild that turns them off in its own text (drizzle-kit writes <c>PRAGMA foreign_keys=OFF</c> before
/// one) still runs with them on when wrapped in a transaction, and its <c>DROP TABLE</c> of the old parent
/// cascades deletes into the child tables: drizzle's data loss. Ferry sets the pragma before BEGIN instead:
/// off where the file turns it off, on otherwise (as an application's connection has it, so ON DELETE
/// actions behave as they will in production), and runs <c>PRAGMA foreign_key_check</c> before COMMIT, so a
/// rebuild that orphans a row is rolled back rather than committed.
/// </summary>
internal static class SqliteForeignKeys
{
    /// <summary>Whether a statement is <c>PRAGMA foreign_keys = OFF</c> (or 0, false, no), in any spacing or case.</summary>
    public static bool TurnsOff(string statement)
    {
        // A drizzle breakpoint piece keeps its semicolon.
        var tokens = SqlTokenizer.Tokenize(statement).Where(t => t.Text != ";").ToList();
        return tokens.Count >= 3 && tokens[0].Is("PRAGMA") && tokens[1].Is("foreign_keys")
            && tokens[^1].Text.ToUpperInvariant() is "OFF" or "0" or "FALSE" or "NO";
    }

    /// <summary>Sets the pragma for the migration that is about to begin; outside any transaction, where it takes effect.</summary>
    public static Task BeforeAsync(ISqlSession session, IReadOnlyList<string> statements, CancellationToken ct) =>
        session.ExecuteAsync($"PRAGMA foreign_keys = {(statements.Any(TurnsOff) ? "OFF" : "ON")}", ct);

    /// <summary>The first row the migration left pointing nowhere, as a sentence, or null when every foreign key holds.</summary>
    public static async Task<string?> ViolationAsync(ISqlSession session, CancellationToken ct)
    {
        var rows = await session.QueryAsync("PRAGMA foreign_key_check", ct).ConfigureAwait(false);
        if (rows.Count == 0) return null;
        var first = rows[0];
        return $"PRAGMA foreign_key_check found {rows.Count} row{(rows.Count == 1 ? "" : "s")} whose foreign key points nowhere " +
               $"(first: {first[0]} rowid {first[1]} → {first[2]})";
    }

    /// <summary>
    /// <see cref="ViolationAsync"/> for a batch that commits without looking at rows in between (libSQL over HTTP): a
    /// statement that fails, and so stops the COMMIT after it, when PRAGMA foreign_key_check finds a row. json() of text
    /// that is not JSON is an error, and CASE evaluates it only then.
    /// </summary>
    public const string FailIfViolated = "SELECT CASE WHEN EXISTS (SELECT 1 FROM pragma_foreign_key_check) THEN json('a row points nowhere') END";

    /// <summary>Back to what Ferry's SQLite sessions use (off: <see cref="Engines.Sqlite"/> loads rows as they are), once the migration is over.</summary>
    public static async Task AfterAsync(ISqlSession session)
    {
        try
        {
            await session.ExecuteAsync("PRAGMA foreign_keys = OFF", CancellationToken.None).ConfigureAwait(false);
        }
        catch (FerryException)
        {
            // The connection is gone; the pragma went with it.
        }
    }
}

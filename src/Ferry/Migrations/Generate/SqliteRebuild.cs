using Ferry.Engines;
using Ferry.Engines.Sqlite;
using Ferry.Schema;

namespace Ferry.Migrations.Generate;

/// <summary>
/// The table rebuild SQLite's documentation gives for changes ALTER TABLE cannot make (lang_altertable.html,
/// "Making Other Kinds Of Table Schema Changes"): with foreign keys off, create the new table under another name,
/// copy every row, drop the old table, rename the new one, make its indexes and triggers again, and check the
/// foreign keys. The name <c>__new_X</c> is the one drizzle-kit uses, so a reader of either tool's output knows it.
/// </summary>
internal static class SqliteRebuild
{
    /// <summary>
    /// PRAGMA foreign_keys is a no-op inside a transaction: Ferry's runner sees this statement and sets the pragma
    /// before BEGIN instead (<see cref="SqliteForeignKeys"/>), so dropping the old table cascades into no child table.
    /// </summary>
    public const string ForeignKeysOff = "PRAGMA foreign_keys=OFF";

    /// <summary>
    /// The last statements: the check lists any row whose foreign key points nowhere (Ferry's runner also runs it
    /// before COMMIT and rolls the migration back on any row); then foreign keys on again, for a runner without a transaction.
    /// </summary>
    public static IReadOnlyList<string> Finish { get; } = ["PRAGMA foreign_key_check", "PRAGMA foreign_keys=ON"];

    private static ISqlDialect D => AnsiDialect.Instance;

    /// <summary>The statements that turn <paramref name="table"/> into <paramref name="desired"/>, keeping every row.</summary>
    public static IEnumerable<string> Of(Table table, Table desired, IEnumerable<Trigger> triggers)
    {
        var temporary = "__new_" + desired.Name;
        yield return Renamed(desired, temporary);
        // The columns both shapes have and that hold stored values; a new column takes its default.
        var columns = desired.Columns.Where(c => c.GeneratedExpression is null && table.FindColumn(c.Name) is { GeneratedExpression: null })
            .Select(c => D.Quote(c.Name)).ToList();
        var list = string.Join(", ", columns);
        yield return $"INSERT INTO {D.Quote(temporary)} ({list}) SELECT {list} FROM {D.Quote(table.Name)}";
        yield return $"DROP TABLE {D.Quote(table.Name)}";
        yield return $"ALTER TABLE {D.Quote(temporary)} RENAME TO {D.Quote(desired.Name)}";
        foreach (var index in SchemaDiff.Indexes(desired)) yield return index.Definition ?? SqliteDdlWriter.Instance.CreateIndex(desired, index);
        foreach (var trigger in triggers) yield return trigger.Definition;
    }

    /// <summary>
    /// The table's own CREATE TABLE (SQLite keeps it as written, so nothing the model cannot say is lost) under another
    /// name: the name is the first name after CREATE TABLE [IF NOT EXISTS].
    /// </summary>
    private static string Renamed(Table table, string name)
    {
        var written = SqliteDdlWriter.Instance.CreateTable(table);
        var tokens = SqlTokenizer.Tokenize(written);
        var at = tokens.FindIndex(t => t.Is("TABLE")) + 1;
        while (at < tokens.Count && (tokens[at].Is("IF") || tokens[at].Is("NOT") || tokens[at].Is("EXISTS"))) at++;
        var end = at;
        // A name written with its schema (main.t) is replaced whole.
        while (end + 2 < tokens.Count && tokens[end + 1].Text == ".") end += 2;
        var first = tokens[at];
        var last = tokens[end];
        return written[..first.Start] + D.Quote(name) + written[(last.Start + last.Length)..];
    }
}

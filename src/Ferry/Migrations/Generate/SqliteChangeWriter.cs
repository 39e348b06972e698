using System.Globalization;
using Ferry.Engines;
using Ferry.Engines.Sqlite;
using Ferry.Schema;

namespace Ferry.Migrations.Generate;

/// <summary>
/// SQLite: ALTER TABLE where SQLite has it (ADD COLUMN, DROP COLUMN, indexes on their own), and for every other
/// change the table rebuild SQLite documents (<see cref="SqliteRebuild"/>). Views are dropped first and made again
/// last whenever a table is rebuilt or loses a column: SQLite re-reads every view when a table is renamed or a
/// column dropped, and a view of the old shape would stop the migration.
/// </summary>
internal sealed class SqliteChangeWriter : ChangeWriter
{
    protected override IDdlWriter Ddl => SqliteDdlWriter.Instance;

    protected override ISqlDialect D => AnsiDialect.Instance;

    public override IReadOnlyList<string> Write(SchemaChanges changes)
    {
        var rebuilt = changes.Changes.OfType<TableChange>().Where(c => !InPlace(c)).Select(c => c.Table.Name).ToHashSet(StringComparer.Ordinal);
        var viewsAgain = rebuilt.Count > 0 || changes.Changes.Any(c => c is DropColumn);
        var statements = new List<string>();
        // Set before BEGIN by Ferry's runner (and by any runner that reads the file as drizzle-kit's output is read).
        if (rebuilt.Count > 0) statements.Add(SqliteRebuild.ForeignKeysOff);
        if (viewsAgain) statements.AddRange(changes.From.Views.SelectMany(v => Statements(new DropView(v))));
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes.Changes)
        {
            if (viewsAgain && change is DropView or Generate.CreateView) continue;
            if (change is CreateTrigger t && rebuilt.Contains(t.Trigger.Table)) continue;
            if (change is TableChange c && rebuilt.Contains(c.Table.Name))
            {
                if (done.Add(c.Table.Name)) statements.AddRange(SqliteRebuild.Of(c.Table, c.Desired, changes.To.Triggers.Where(x => x.Table == c.Table.Name)));
                continue;
            }
            statements.AddRange(Statements(change));
        }
        if (viewsAgain) statements.AddRange(ViewOrder.Of(changes.To.Views).Select(CreateView));
        if (rebuilt.Count > 0) statements.AddRange(SqliteRebuild.Finish);
        return statements;
    }

    /// <summary>
    /// What SQLite's ALTER TABLE can do to the table in place: its own indexes, a column dropped that is not part
    /// of the key, and a column added that ALTER TABLE ADD COLUMN takes (not in the key, not stored-generated, and
    /// NOT NULL only with a constant default, which it fills the existing rows with). A new foreign key, check or
    /// unique on an added column is a change of its own, which rebuilds.
    /// </summary>
    private static bool InPlace(TableChange change) => change switch
    {
        Generate.AddIndex or Generate.DropIndex => true,
        DropColumn d => d.Table.PrimaryKey?.Columns.Contains(d.Column.Name) != true,
        AddColumn a => a.Desired.PrimaryKey?.Columns.Contains(a.Column.Name) != true
                       && !(a.Column.GeneratedExpression is not null && a.Column.GeneratedStored)
                       && (a.Column.Default is null ? a.Column.Nullable : IsConstant(a.Column.Default)),
        _ => false,
    };

    /// <summary>A literal: ADD COLUMN refuses CURRENT_TIMESTAMP and expressions in parentheses as defaults.</summary>
    private static bool IsConstant(string value) =>
        value.StartsWith('\'') || value.StartsWith("x'", StringComparison.OrdinalIgnoreCase)
        || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || value.ToUpperInvariant() is "TRUE" or "FALSE";

    /// <summary>SQLite keeps the statement the table was made with; its indexes come after it as they were written.</summary>
    protected override IEnumerable<string> CreateTable(Table table) =>
        [Ddl.CreateTable(table), .. SchemaDiff.Indexes(table).Select(i => AddIndex(table, i))];

    protected override string ColumnDefinition(Column column) => SqliteDdlWriter.ColumnDefinition(column, rowId: false);

    /// <summary>Never reached: a changed column rebuilds its table.</summary>
    protected override IEnumerable<string> AlterColumn(AlterColumn change) => throw new InvalidOperationException("SQLite rebuilds a table whose column changes.");

    /// <summary>A new table's CREATE TABLE holds its foreign keys.</summary>
    protected override IEnumerable<string> AddForeignKey(AddForeignKey change) => [];

    /// <summary>SQLite keeps the whole CREATE VIEW statement.</summary>
    protected override string CreateView(View view) => view.Definition;
}

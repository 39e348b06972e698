using Ferry.Connections;
using Ferry.Engines;
using Ferry.Errors;
using Ferry.Schema;

namespace Ferry.Migrations.Generate;

/// <summary>
/// Turns planned <see cref="SchemaChange"/>s into one engine's statements: text in, text out, no connection, so a
/// test compares exact SQL. What most engines write alike is written here, each engine's writer overrides what it
/// says its own way; tables, keys and indexes are written by the engine's <see cref="IDdlWriter"/> where it can.
/// </summary>
public abstract class ChangeWriter
{
    public static ChangeWriter For(EngineKind engine) => engine switch
    {
        EngineKind.Sqlite or EngineKind.Libsql => new SqliteChangeWriter(),
        EngineKind.Postgres => new PostgresChangeWriter(),
        EngineKind.MySql => new MySqlChangeWriter(),
        _ => throw new FerryException(FerryErrorKind.Usage, $"Ferry cannot generate migrations for {engine.Display()} yet."),
    };

    protected abstract IDdlWriter Ddl { get; }

    protected abstract ISqlDialect D { get; }

    /// <summary>Every statement, in the order of the changes.</summary>
    public virtual IReadOnlyList<string> Write(SchemaChanges changes) => changes.Changes.SelectMany(Statements).ToList();

    protected IEnumerable<string> Statements(SchemaChange change) => change switch
    {
        CreateTable c => CreateTable(c.Desired),
        DropTable d => [$"DROP TABLE {Name(d.Table)}"],
        AddColumn a => [$"ALTER TABLE {Name(a.Table)} ADD COLUMN {ColumnDefinition(a.Column)}"],
        DropColumn d => [$"ALTER TABLE {Name(d.Table)} DROP COLUMN {D.Quote(d.Column.Name)}"],
        Generate.AlterColumn a => AlterColumn(a),
        DropPrimaryKey d => [DropPrimaryKey(d.Table, d.Key)],
        Generate.AddPrimaryKey a => [AddPrimaryKey(a.Table, a.Key)],
        DropUnique d => [DropUnique(d.Table, d.Unique)],
        Generate.AddUnique a => [Ddl.AddUnique(a.Table, a.Unique)],
        DropIndex d => [DropIndex(d.Table, d.Index)],
        AddIndex a => [AddIndex(a.Table, a.Index)],
        DropCheck d => [DropConstraint(d.Table, d.Check.Name)],
        Generate.AddCheck a => [Ddl.AddCheck(a.Table, a.Check)],
        DropForeignKey d => [DropForeignKey(d.Table, d.Key)],
        Generate.AddForeignKey a => AddForeignKey(a),
        DropView d => [$"DROP VIEW {D.Name(d.View.Schema, d.View.Name)}"],
        CreateView c => [CreateView(c.View)],
        DropTrigger d => [DropTrigger(d.Trigger)],
        CreateTrigger c => [c.Trigger.Definition],
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, "a change no writer knows"),
    };

    /// <summary>The table with everything it holds but foreign keys, which come once every new table is there.</summary>
    protected abstract IEnumerable<string> CreateTable(Table table);

    /// <summary>What a new table gets after its CREATE TABLE where that does not hold it: unique keys, checks, indexes.</summary>
    protected IEnumerable<string> KeysOf(Table table) =>
    [
        .. table.Uniques.Select(u => Ddl.AddUnique(table, u)),
        .. table.Checks.Select(c => Ddl.AddCheck(table, c)),
        .. SchemaDiff.Indexes(table).Select(i => AddIndex(table, i)),
    ];

    protected abstract string ColumnDefinition(Column column);

    protected abstract IEnumerable<string> AlterColumn(AlterColumn change);

    protected string Name(Table table) => D.Name(table.Schema, table.Name);

    protected virtual string DropPrimaryKey(Table table, PrimaryKey key) => DropConstraint(table, key.Name);

    /// <summary>The engine's own ALTER where it adds keys after CREATE TABLE (PostgreSQL); MySQL writes its own, SQLite rebuilds.</summary>
    protected virtual string AddPrimaryKey(Table table, PrimaryKey key) => Ddl.AddPrimaryKey(table with { PrimaryKey = key })!;

    protected virtual string DropUnique(Table table, UniqueConstraint unique) => DropConstraint(table, unique.Name);

    protected virtual string DropIndex(Table table, Schema.Index index) => $"DROP INDEX {D.Name(table.Schema, index.Name)}";

    /// <summary>The index as its engine wrote it where it keeps that text as a statement (SQLite, PostgreSQL).</summary>
    protected virtual string AddIndex(Table table, Schema.Index index) => index.Definition ?? Ddl.CreateIndex(table, index);

    protected virtual string DropForeignKey(Table table, ForeignKey key) => DropConstraint(table, key.Name);

    protected virtual IEnumerable<string> AddForeignKey(AddForeignKey change) => [Ddl.AddForeignKey(change.Table, change.Key, notValid: false)];

    protected virtual string CreateView(View view) => $"CREATE VIEW {D.Name(view.Schema, view.Name)} AS {view.Definition}";

    protected virtual string DropTrigger(Trigger trigger) => $"DROP TRIGGER {D.Quote(trigger.Name)}";

    /// <summary>Servers name every constraint they keep; a nameless one can only come from a reader that does not.</summary>
    protected string DropConstraint(Table table, string? name) =>
        $"ALTER TABLE {Name(table)} DROP CONSTRAINT {D.Quote(name ?? throw new FerryException(FerryErrorKind.Failed, $"A constraint of {table.QualifiedName} has no name to drop it by."))}";
}

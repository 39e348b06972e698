using Ferry.Engines;
using Ferry.Engines.MySql;
using Ferry.Schema;

namespace Ferry.Migrations.Generate;

/// <summary>
/// MySQL and MariaDB: a new table as SHOW CREATE TABLE wrote it on the scratch database (its keys, indexes and
/// checks inside; foreign keys after), and a changed column restated whole by MODIFY COLUMN. MySQL commits each
/// DDL statement by itself: the runner records how far a failed migration got.
/// </summary>
internal sealed class MySqlChangeWriter : ChangeWriter
{
    protected override IDdlWriter Ddl => MySqlDdlWriter.Instance;

    protected override ISqlDialect D => MySqlDialect.Default;

    /// <summary>Without SHOW CREATE TABLE's text, the model's own CREATE TABLE holds the columns and primary key only.</summary>
    protected override IEnumerable<string> CreateTable(Table table) =>
        table.Definition is not null ? [Ddl.CreateTable(table)] : [Ddl.CreateTable(table), .. KeysOf(table)];

    protected override string ColumnDefinition(Column column) =>
        MySqlDdlWriter.ColumnDefinition(column, column.Collation is { } c ? $"{column.DeclaredType} COLLATE {c}" : column.DeclaredType);

    /// <summary>MODIFY restates the column whole: what is left out (a default, NOT NULL) is gone after it.</summary>
    protected override IEnumerable<string> AlterColumn(AlterColumn change) =>
        [$"ALTER TABLE {Name(change.Table)} MODIFY COLUMN {ColumnDefinition(change.To)}"];

    protected override string DropPrimaryKey(Table table, PrimaryKey key) => $"ALTER TABLE {Name(table)} DROP PRIMARY KEY";

    /// <summary>MySQL names every primary key PRIMARY, whatever it is told.</summary>
    protected override string AddPrimaryKey(Table table, PrimaryKey key) => $"ALTER TABLE {Name(table)} ADD PRIMARY KEY ({DdlText.Columns(D, key.Columns)})";

    protected override string DropUnique(Table table, UniqueConstraint unique) => $"ALTER TABLE {Name(table)} DROP INDEX {D.Quote(unique.Name!)}";

    protected override string DropIndex(Table table, Schema.Index index) => $"ALTER TABLE {Name(table)} DROP INDEX {D.Quote(index.Name)}";

    /// <summary>MySQL keeps no index statement: the reader writes each as SHOW CREATE TABLE does (<c>KEY `name` (…)</c>), which ALTER TABLE … ADD takes.</summary>
    protected override string AddIndex(Table table, Schema.Index index) =>
        index.Definition is { } key ? $"ALTER TABLE {Name(table)} ADD {key}" : Ddl.CreateIndex(table, index);

    protected override string DropForeignKey(Table table, ForeignKey key) => $"ALTER TABLE {Name(table)} DROP FOREIGN KEY {D.Quote(key.Name!)}";
}

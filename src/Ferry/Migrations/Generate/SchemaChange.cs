using Ferry.Schema;

namespace Ferry.Migrations.Generate;

/// <summary>
/// One step from one schema to another, in the neutral model: <see cref="SchemaDiff"/> plans them in an order
/// every engine can run, and each engine's <see cref="IChangeWriter"/> turns them into its SQL. A change that
/// belongs to a table carries that table as it is before the change (<see cref="TableChange.Table"/>), which
/// names it in the SQL, and as it is after (<see cref="TableChange.Desired"/>), which SQLite rebuilds it as.
/// </summary>
public abstract record SchemaChange;

/// <summary>A change to one table that stays: its columns, keys, indexes, checks.</summary>
public abstract record TableChange(Table Table, Table Desired) : SchemaChange;

public sealed record CreateTable(Table Desired) : SchemaChange;

public sealed record DropTable(Table Table) : SchemaChange;

public sealed record AddColumn(Table Table, Table Desired, Column Column) : TableChange(Table, Desired);

public sealed record DropColumn(Table Table, Table Desired, Column Column) : TableChange(Table, Desired);

/// <summary>A column whose type, nullability, default, collation, generation or identity differs; <see cref="From"/> and <see cref="To"/> say which.</summary>
public sealed record AlterColumn(Table Table, Table Desired, Column From, Column To) : TableChange(Table, Desired)
{
    public bool TypeChanged => !string.Equals(From.DeclaredType, To.DeclaredType, StringComparison.OrdinalIgnoreCase);
    public bool NullabilityChanged => From.Nullable != To.Nullable;
    public bool DefaultChanged => SchemaDiff.Normalized(From.Default) != SchemaDiff.Normalized(To.Default);
}

public sealed record DropPrimaryKey(Table Table, Table Desired, PrimaryKey Key) : TableChange(Table, Desired);

public sealed record AddPrimaryKey(Table Table, Table Desired, PrimaryKey Key) : TableChange(Table, Desired);

public sealed record DropUnique(Table Table, Table Desired, UniqueConstraint Unique) : TableChange(Table, Desired);

public sealed record AddUnique(Table Table, Table Desired, UniqueConstraint Unique) : TableChange(Table, Desired);

public sealed record DropIndex(Table Table, Table Desired, Schema.Index Index) : TableChange(Table, Desired);

public sealed record AddIndex(Table Table, Table Desired, Schema.Index Index) : TableChange(Table, Desired);

public sealed record DropCheck(Table Table, Table Desired, CheckConstraint Check) : TableChange(Table, Desired);

public sealed record AddCheck(Table Table, Table Desired, CheckConstraint Check) : TableChange(Table, Desired);

public sealed record DropForeignKey(Table Table, Table Desired, ForeignKey Key) : TableChange(Table, Desired);

/// <summary>A foreign key of a table that stays, or of a table just created (<see cref="OfNewTable"/>), where SQLite's CREATE TABLE already holds it.</summary>
public sealed record AddForeignKey(Table Table, Table Desired, ForeignKey Key, bool OfNewTable) : TableChange(Table, Desired);

public sealed record DropView(View View) : SchemaChange;

public sealed record CreateView(View View) : SchemaChange;

public sealed record DropTrigger(Trigger Trigger) : SchemaChange;

public sealed record CreateTrigger(Trigger Trigger) : SchemaChange;

namespace Ferry.Migrations.Lint;

/// <summary>A table as a statement names it: the schema when it is qualified, the name unquoted (an unquoted PostgreSQL name folded to lower case).</summary>
internal sealed record TableRef(string? Schema, string Name)
{
    public override string ToString() => Schema is null ? Name : $"{Schema}.{Name}";

    public bool Same(TableRef other) =>
        string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase)
        && (Schema is null || other.Schema is null || string.Equals(Schema, other.Schema, StringComparison.OrdinalIgnoreCase));
}

/// <summary>What one statement does to the schema, as far as lint needs to know: one record per change it makes.</summary>
internal abstract record SchemaChange(TableRef Table);

internal sealed record DropTable(TableRef Table) : SchemaChange(Table);

internal sealed record DropColumn(TableRef Table, string Column) : SchemaChange(Table);

/// <param name="Type">The declared type as written (<c>varchar(50)</c>).</param>
/// <param name="HasDefault">A DEFAULT, a generated or identity column, or a serial type: something fills the existing rows.</param>
internal sealed record AddColumn(TableRef Table, string Column, string Type, bool NotNull, bool HasDefault) : SchemaChange(Table);

internal sealed record ChangeType(TableRef Table, string Column, string Type) : SchemaChange(Table);

internal sealed record SetNotNull(TableRef Table, string Column) : SchemaChange(Table);

internal sealed record RenameTable(TableRef Table, string To) : SchemaChange(Table);

internal sealed record CreateTable(TableRef Table, IReadOnlyList<(string Name, string Type)> Columns) : SchemaChange(Table);

internal sealed record CreateIndex(TableRef Table, bool Concurrently) : SchemaChange(Table);

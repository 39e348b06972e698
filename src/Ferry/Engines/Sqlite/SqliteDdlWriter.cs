using System.Globalization;
using System.Text;
using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Engines.Sqlite;

/// <summary>
/// SQLite (and libSQL) DDL for a copy's target. SQLite cannot add foreign keys or unique constraints
/// to an existing table, so CREATE TABLE carries them; the load runs with foreign keys unchecked.
/// </summary>
public sealed class SqliteDdlWriter : IDdlWriter
{
    public static readonly SqliteDdlWriter Instance = new();

    private static ISqlDialect D => AnsiDialect.Instance;

    public bool ConstraintsInCreateTable => true;

    public string TypeName(TypeChoice choice, bool identity) => choice.Type switch
    {
        // Only this exact spelling makes a column the rowid: the key keeps its meaning.
        _ when identity => "INTEGER",
        NeutralType.Boolean => "BOOLEAN",
        NeutralType.Int16 or NeutralType.Int32 or NeutralType.Int64 => "INTEGER",
        NeutralType.Decimal => choice.Precision is { } p ? $"NUMERIC({p},{choice.Scale ?? 0})" : "NUMERIC",
        NeutralType.Float32 or NeutralType.Float64 => "REAL",
        NeutralType.Text => choice.Length is { } n ? $"VARCHAR({n})" : "TEXT",
        NeutralType.Blob => "BLOB",
        NeutralType.Date => "DATE",
        NeutralType.Time => "TIME",
        NeutralType.Timestamp => "DATETIME",
        // TEXT affinity: an ISO text with a zone must stay text, and a JSON "123" must not become a number.
        NeutralType.TimestampTz or NeutralType.Json or NeutralType.Uuid or NeutralType.Interval => "TEXT",
        _ => "TEXT",
    };

    public (string? Sql, string? Problem) Default(DefaultValue value, TypeChoice column) => value.Kind switch
    {
        DefaultKind.None or DefaultKind.Sequence => (null, null),
        DefaultKind.CurrentTimestamp => ("CURRENT_TIMESTAMP", null),
        DefaultKind.CurrentDate => ("CURRENT_DATE", null),
        DefaultKind.CurrentTime => ("CURRENT_TIME", null),
        DefaultKind.EpochSeconds => ("(unixepoch())", null),
        DefaultKind.EpochMilliseconds => ("(cast(unixepoch('subsec') * 1000 as integer))", null),
        DefaultKind.RandomId => ("(lower(hex(randomblob(16))))", null),
        _ => (null, $"SQLite has no equivalent of the default {value.Text}"),
    };

    public string Literal(object? value, TypeChoice column) => SqliteLiterals.For(value);

    public string CreateTable(Table table)
    {
        if (table.Definition is { } written) return written;
        var sql = new StringBuilder("CREATE TABLE ").Append(D.Quote(table.Name)).Append(" (");
        var rowId = table.Columns.FirstOrDefault(c => c.Identity is Identity.RowId or Identity.AutoIncrement);
        var parts = table.Columns.Select(c => "\n  " + ColumnDefinition(c, rowId: c == rowId)).ToList();
        if (table.PrimaryKey is { } key && rowId is null)
            parts.Add("\n  " + DdlText.Constraint(D, key.Name) + "PRIMARY KEY (" + DdlText.Columns(D, key.Columns) + ")");
        foreach (var unique in table.Uniques)
            parts.Add("\n  " + DdlText.Constraint(D, unique.Name) + "UNIQUE (" + DdlText.Columns(D, unique.Columns) + ")");
        foreach (var check in table.Checks)
            parts.Add("\n  " + DdlText.Constraint(D, check.Name) + "CHECK (" + check.Expression + ")");
        foreach (var fk in table.ForeignKeys)
            parts.Add("\n  " + DdlText.Constraint(D, fk.Name) + DdlText.ForeignKey(D, fk, D.Quote(fk.ReferencedTable)));
        sql.AppendJoin(",", parts).Append("\n)");
        if (table.WithoutRowId) sql.Append(" WITHOUT ROWID");
        return sql.ToString();
    }

    /// <summary>A column as CREATE TABLE and ALTER TABLE … ADD COLUMN declare it; <paramref name="rowId"/> makes it the table's rowid key.</summary>
    public static string ColumnDefinition(Column c, bool rowId)
    {
        var column = new StringBuilder(D.Quote(c.Name));
        if (c.DeclaredType.Length > 0) column.Append(' ').Append(c.DeclaredType);
        if (rowId) column.Append(" PRIMARY KEY").Append(c.Identity == Identity.AutoIncrement ? " AUTOINCREMENT" : "");
        if (!c.Nullable) column.Append(" NOT NULL");
        if (c.Collation is { } collation) column.Append(" COLLATE ").Append(D.Quote(collation));
        if (c.GeneratedExpression is { } expression) column.Append(" GENERATED ALWAYS AS (").Append(expression).Append(c.GeneratedStored ? ") STORED" : ") VIRTUAL");
        else if (c.Default is { } value) column.Append(" DEFAULT ").Append(value.StartsWith('(') || IsLiteral(value) ? value : "(" + value + ")");
        return column.ToString();
    }

    /// <summary>SQLite cannot add a primary key to a table: CREATE TABLE carries it.</summary>
    public string? AddPrimaryKey(Table table) => null;

    public string CreateIndex(Table table, Schema.Index index)
    {
        // A table created as written (SQLite to SQLite or libSQL) gets its indexes as written too.
        if (table.Definition is not null && index.Definition is { } written) return written;
        var keys = DdlText.IndexKeys(D, index);
        var sql = $"CREATE {(index.Unique ? "UNIQUE " : "")}INDEX {D.Quote(index.Name)} ON {D.Quote(table.Name)} ({keys})";
        return index.Predicate is null ? sql : sql + " WHERE " + index.Predicate;
    }

    public string AddUnique(Table table, UniqueConstraint unique) =>
        throw new InvalidOperationException("SQLite declares unique constraints in CREATE TABLE.");

    public string AddForeignKey(Table table, ForeignKey foreignKey, bool notValid) =>
        throw new InvalidOperationException("SQLite declares foreign keys in CREATE TABLE.");

    public string AddCheck(Table table, CheckConstraint check) =>
        throw new InvalidOperationException("SQLite declares checks in CREATE TABLE.");

    /// <summary>Only AUTOINCREMENT keeps a high-water mark; a plain rowid continues from the largest key by itself.</summary>
    public string? ResetIdentity(Table table, Column column, long highWater) => column.Identity != Identity.AutoIncrement
        ? null
        : string.Create(CultureInfo.InvariantCulture,
            $"DELETE FROM sqlite_sequence WHERE name = {D.QuoteLiteral(table.Name)}; INSERT INTO sqlite_sequence (name, seq) SELECT {D.QuoteLiteral(table.Name)}, max(coalesce(max({D.Quote(column.Name)}), 0), {highWater}) FROM {D.Quote(table.Name)}");

    public string Analyze(Table table) => "ANALYZE " + D.Quote(table.Name);

    // SQLite has neither CASCADE nor TRUNCATE: the plain statements, as Ferry always sent them.
    public string DropTable(Table table) => "DROP TABLE " + D.Quote(table.Name);

    public string EmptyTable(Table table) => "DELETE FROM " + D.Quote(table.Name);

    private static bool IsLiteral(string value) =>
        value.StartsWith('\'') || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || value is "CURRENT_TIMESTAMP" or "CURRENT_DATE" or "CURRENT_TIME" or "NULL" or "TRUE" or "FALSE" or "true" or "false";
}

using System.Globalization;
using System.Text;
using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Engines.MySql;

/// <summary>
/// MySQL and MariaDB DDL for a copy's target: tables first (primary key inside, as AUTO_INCREMENT
/// requires), uniques, checks, indexes and foreign keys after the load.
/// </summary>
/// <remarks>
/// Every table is InnoDB (the only engine with transactions and foreign keys) in utf8mb4 (all of
/// Unicode, emoji included) with the binary collation utf8mb4_bin: the sources compare text byte by
/// byte (SQLite's BINARY, PostgreSQL's deterministic collations), so 'a' and 'A' are two keys there
/// and must stay two here; a _ci collation would turn them into a duplicate-key failure. It is a
/// PAD SPACE collation on both servers ('a' = 'a ' in comparisons, values are stored as written);
/// the NO PAD ones are named differently on MySQL (utf8mb4_0900_bin) and MariaDB
/// (utf8mb4_nopad_bin), and this writer does not know which server it writes for.
/// </remarks>
public sealed class MySqlDdlWriter : IDdlWriter
{
    public static readonly MySqlDdlWriter Instance = new();

    /// <summary>MySQL's largest decimal: every System.Decimal (29 digits, scale ≤ 28) fits it exactly.</summary>
    private const string WidestDecimal = "decimal(65,30)";

    private const string TableOptions = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";

    private static MySqlDialect D => MySqlDialect.Default;

    public bool ConstraintsInCreateTable => false;

    public string TypeName(TypeChoice choice, bool identity) => choice.Type switch
    {
        // AUTO_INCREMENT must be a key: CreateTable puts the primary key (or a plain key) in CREATE TABLE.
        _ when identity => choice.Type is NeutralType.Int16 or NeutralType.Int32 ? "int AUTO_INCREMENT" : "bigint AUTO_INCREMENT",
        // MySQL's BOOLEAN is this; drivers read tinyint(1) back as a boolean.
        NeutralType.Boolean => "tinyint(1)",
        NeutralType.Int16 => "smallint",
        NeutralType.Int32 => "int",
        NeutralType.Int64 => "bigint",
        // There is no unconstrained decimal; values reach the writer as System.Decimal, which (65,30) always
        // holds whole. A declared (p,s) beyond MySQL's limits (65, 30) gets the widest instead of an error.
        NeutralType.Decimal => choice.Precision is { } p && p <= 65 && (choice.Scale ?? 0) <= 30 ? $"decimal({p},{choice.Scale ?? 0})" : WidestDecimal,
        NeutralType.Float32 => "float",
        NeutralType.Float64 => "double",
        NeutralType.Text => choice.Length is { } n && n <= MySqlKeyLengths.VarcharMax ? $"varchar({n})" : "longtext",
        NeutralType.Blob => choice.Length is { } b && b <= MySqlKeyLengths.VarcharMax ? $"varbinary({b})" : "longblob",
        NeutralType.Date => "date",
        NeutralType.Time => "time(6)",
        // datetime, not timestamp: TIMESTAMP ends in 2038 and converts through the session's time zone.
        NeutralType.Timestamp => "datetime(6)",
        // MySQL has no zoned type: the instant is stored as UTC wall-clock time (the writer converts to UTC).
        NeutralType.TimestampTz => "datetime(6)",
        // TIME spans ±838:59:59, the only duration type there is; longer intervals fail the load by name.
        NeutralType.Interval => "time(6)",
        // MariaDB's JSON is longtext with a json_valid check; MySQL's is binary JSON. Both validate.
        NeutralType.Json => "json",
        NeutralType.Uuid => "char(36)",
        _ => "longtext",
    };

    public (string? Sql, string? Problem) Default(DefaultValue value, TypeChoice column) => MySqlDefaultText.For(value, column, TypeName(column, false));

    public string Literal(object? value, TypeChoice column) => MySqlLiterals.For(value, TypeName(column, false));

    public string CreateTable(Table table)
    {
        // From a MySQL source: the table as it was written there (see MySqlTableDefinition).
        if (table.Definition is { } written) return MySqlTableDefinition.WithoutForeignKeys(written);
        var keyLengths = MySqlKeyLengths.ForKeys(table);
        var unbound = MySqlRowSize.Unbound(table, keyLengths);
        var sql = new StringBuilder("CREATE TABLE ").Append(D.Quote(table.Name)).Append(" (");
        var parts = table.Columns.Select(c => "\n  " + ColumnDefinition(c, Declared(c, keyLengths, unbound))).ToList();
        if (table.PrimaryKey is { } key)
            parts.Add("\n  " + DdlText.Constraint(D, key.Name) + "PRIMARY KEY (" + DdlText.Columns(D, key.Columns) + ")");
        // AUTO_INCREMENT must lead some key; where the primary key does not start with it, a plain key does.
        foreach (var identity in table.Columns.Where(c => c.Identity != Identity.None && table.PrimaryKey?.Columns[0] != c.Name))
            parts.Add("\n  KEY (" + D.Quote(identity.Name) + ")");
        return sql.AppendJoin(",", parts).Append("\n)").Append(TableOptions).ToString();
    }

    /// <summary>A column as CREATE TABLE, ALTER TABLE … ADD COLUMN and MODIFY COLUMN declare it, with <paramref name="declared"/> as its type.</summary>
    public static string ColumnDefinition(Column c, string declared)
    {
        var column = new StringBuilder(D.Quote(c.Name)).Append(' ').Append(declared);
        if (c.Identity != Identity.None && !c.DeclaredType.Contains("AUTO_INCREMENT", StringComparison.OrdinalIgnoreCase)) column.Append(" AUTO_INCREMENT");
        // A length that longtext/longblob cannot state is kept as a check: the target refuses what the source refused.
        if (c.Length is { } n && declared is "longtext" or "longblob")
            column.Append(string.Create(CultureInfo.InvariantCulture, $" CHECK ({(declared == "longtext" ? "char_length" : "length")}({D.Quote(c.Name)}) <= {n})"));
        if (c.GeneratedExpression is { } expression) column.Append(" AS (").Append(expression).Append(c.GeneratedStored ? ") STORED" : ") VIRTUAL");
        if (c.Default is { } value) column.Append(" DEFAULT ").Append(value);
        // A generated column takes no NOT NULL on MariaDB; its expression decides.
        if (!c.Nullable && c.GeneratedExpression is null) column.Append(" NOT NULL");
        return column.ToString();
    }

    /// <summary>AUTO_INCREMENT needs its key in CREATE TABLE, so MySQL tables are created with theirs.</summary>
    public string? AddPrimaryKey(Table table) => null;

    public string CreateIndex(Table table, Schema.Index index)
    {
        var keyLengths = MySqlKeyLengths.ForKeys(table);
        var unbound = MySqlRowSize.Unbound(table, keyLengths);
        var keys = index.HasExpressions
            ? "(" + DdlText.IndexKeys(D, index) + ")"
            : string.Join(", ", index.Columns.Select(name =>
            {
                var prefix = index.Unique || table.FindColumn(name!) is not { } column ? null : MySqlKeyLengths.Prefix(column, index.Columns.Count, keyLengths, unbound);
                return D.Quote(name!) + (prefix is { } n ? string.Create(CultureInfo.InvariantCulture, $"({n})") : "");
            }));
        // No partial indexes in MySQL: a plain index without the WHERE serves the same lookups (the planner
        // leaves out partial UNIQUE indexes, whose meaning would change).
        return $"CREATE {(index.Unique ? "UNIQUE " : "")}INDEX {D.Quote(index.Name)} ON {D.Quote(table.Name)} ({keys})";
    }

    public string AddUnique(Table table, UniqueConstraint unique) =>
        $"ALTER TABLE {D.Quote(table.Name)} ADD {DdlText.Constraint(D, unique.Name)}UNIQUE ({DdlText.Columns(D, unique.Columns)})";

    /// <summary>
    /// MySQL has no NOT VALID. With foreign_key_checks off, ALTER TABLE adds the key without reading the
    /// existing rows (that is what mysqldump relies on), and new rows are checked once it is back on —
    /// the same promise as PostgreSQL's NOT VALID, except that nothing marks the key as unvalidated.
    /// </summary>
    public string AddForeignKey(Table table, ForeignKey fk, bool notValid)
    {
        var sql = $"ALTER TABLE {D.Quote(table.Name)} ADD {DdlText.Constraint(D, fk.Name)}{DdlText.ForeignKey(D, fk, D.Quote(fk.ReferencedTable))}";
        return notValid ? WithoutForeignKeyChecks(sql) : sql;
    }

    public string AddCheck(Table table, CheckConstraint check) =>
        $"ALTER TABLE {D.Quote(table.Name)} ADD {DdlText.Constraint(D, check.Name)}CHECK ({check.Expression})";

    /// <summary>
    /// InnoDB keeps its counter past the largest key inserted, and raises a lower AUTO_INCREMENT to that by
    /// itself: only the source's high-water mark (keys of deleted rows) needs saying. Unsigned, so 2^63-1 + 1 fits.
    /// </summary>
    public string? ResetIdentity(Table table, Column column, long highWater) => column.Identity == Identity.None
        ? null
        : string.Create(CultureInfo.InvariantCulture, $"ALTER TABLE {D.Quote(table.Name)} AUTO_INCREMENT = {(ulong)Math.Max(highWater, 0) + 1}");

    public string Analyze(Table table) => "ANALYZE TABLE " + D.Quote(table.Name);

    /// <summary>Other copied tables may still reference it; they are dropped too, in any order.</summary>
    public string DropTable(Table table) => WithoutForeignKeyChecks("DROP TABLE " + D.Quote(table.Name));

    /// <summary>
    /// Emptied with foreign_key_checks off, since TRUNCATE refuses a referenced table otherwise and DELETE
    /// would need child-first order. Rows of tables outside the copy that point here are left dangling.
    /// </summary>
    public string EmptyTable(Table table) => WithoutForeignKeyChecks("TRUNCATE TABLE " + D.Quote(table.Name));

    private static string WithoutForeignKeyChecks(string sql) => $"SET FOREIGN_KEY_CHECKS = 0; {sql}; SET FOREIGN_KEY_CHECKS = 1";

    /// <summary>
    /// Key columns that cannot be indexed as longtext/longblob are declared bounded (see <see cref="MySqlKeyLengths"/>);
    /// columns that would make the row too large are declared unbounded (see <see cref="MySqlRowSize"/>).
    /// </summary>
    private static string Declared(Column column, Dictionary<string, int> keyLengths, HashSet<string> unbound) =>
        Instead(column, keyLengths, unbound) ?? column.DeclaredType;

    public string? DeclaredInstead(Table table, Column column)
    {
        var keyLengths = MySqlKeyLengths.ForKeys(table);
        return Instead(column, keyLengths, MySqlRowSize.Unbound(table, keyLengths));
    }

    private static string? Instead(Column column, Dictionary<string, int> keyLengths, HashSet<string> unbound)
    {
        var blob = column.Type == NeutralType.Blob;
        if (keyLengths.TryGetValue(column.Name, out var n))
            return string.Create(CultureInfo.InvariantCulture, $"{(blob ? "varbinary" : "varchar")}({n})");
        if (unbound.Contains(column.Name)) return blob ? "longblob" : "longtext";
        return null;
    }
}

using Ferry.Schema;

namespace Ferry.Engines;

/// <summary>The fragments of DDL every dialect writes the same way, given its quoting.</summary>
public static class DdlText
{
    public static string Columns(ISqlDialect dialect, IEnumerable<string> names) => string.Join(", ", names.Select(dialect.Quote));

    /// <summary>
    /// " (a, b)" after a table's name in COPY or INSERT, or nothing for no columns: PostgreSQL refuses "()", and
    /// without a list takes every column but the generated ones, which is what no columns means.
    /// </summary>
    public static string ColumnList(ISqlDialect dialect, IEnumerable<string> names) =>
        Columns(dialect, names) is { Length: > 0 } list ? $" ({list})" : "";

    public static string Constraint(ISqlDialect dialect, string? name) => name is null ? "" : $"CONSTRAINT {dialect.Quote(name)} ";

    /// <summary><c> ON DELETE CASCADE</c> and the like; NO ACTION, the default everywhere, is left out.</summary>
    public static string Action(string on, ForeignKeyAction action) => action switch
    {
        ForeignKeyAction.Cascade => $" ON {on} CASCADE",
        ForeignKeyAction.SetNull => $" ON {on} SET NULL",
        ForeignKeyAction.SetDefault => $" ON {on} SET DEFAULT",
        ForeignKeyAction.Restrict => $" ON {on} RESTRICT",
        _ => "",
    };

    /// <summary><c>FOREIGN KEY (a) REFERENCES "t" (id) ON DELETE CASCADE</c>, given the referenced table's name as written.</summary>
    public static string ForeignKey(ISqlDialect dialect, ForeignKey fk, string referenced) =>
        $"FOREIGN KEY ({Columns(dialect, fk.Columns)}) REFERENCES {referenced} ({Columns(dialect, fk.ReferencedColumns)})"
        + Action("DELETE", fk.OnDelete) + Action("UPDATE", fk.OnUpdate);

    /// <summary>The key list of an index: its columns, or the source's own expression text where it has expressions.</summary>
    public static string IndexKeys(ISqlDialect dialect, Schema.Index index) =>
        index.HasExpressions ? index.KeyExpression ?? "" : Columns(dialect, index.Columns.Select(c => c!));
}

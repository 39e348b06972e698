using System.Text.RegularExpressions;
using Ferry.Copy;
using Ferry.Engines;
using Ferry.Schema;

namespace Ferry.Verify;

/// <summary>
/// Compares the shape of one target table with what a copy from this source would have made of it: the copy's
/// own plan (<see cref="CopyPlanner"/>) is the expectation, so "the same type" means the type Ferry's mapping
/// chooses for the target's engine (SQLite INTEGER and PostgreSQL bigint are the same), written by the target's
/// own DDL writer on both sides. Keys, indexes and foreign keys are compared by their columns and what they
/// reference, never by name: pgloader, drizzle and Ferry each name an index their own way.
/// </summary>
public static partial class SchemaComparison
{
    public static IReadOnlyList<SchemaDifference> Of(CopyPlan copy, TablePlan plan, Table target, bool ignoreCase) =>
        // Within one dialect a declaration is carried as written and compared so; across dialects both sides are
        // spelled by the target's DDL writer from their neutral type, which is how a copy spells what it creates.
        // A foreign key to a table outside the verified ones is not the copy's to make (--tables, --exclude).
        Of(plan.Target, target, copy.TargetEngine, DdlWriters.SameDialect(copy.SourceEngine, copy.TargetEngine),
            column => plan.Source.FindColumn(column.Name)?.DeclaredType ?? column.DeclaredType,
            copy.Tables.Select(t => t.Target.Name).ToHashSet(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal), ignoreCase);

    /// <summary>Two tables of one engine (a migration's result and the schema it was generated for): declarations compared as written.</summary>
    public static IReadOnlyList<SchemaDifference> Of(Table expected, Table target, Connections.EngineKind engine) =>
        Of(expected, target, engine, same: true, column => column.DeclaredType, copied: null, ignoreCase: false);

    private static IReadOnlyList<SchemaDifference> Of(Table expected, Table target, Connections.EngineKind engine, bool same,
        Func<Column, string> declared, HashSet<string>? copied, bool ignoreCase)
    {
        var names = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var ddl = DdlWriters.For(engine);
        var table = expected.Name;
        var differences = new List<SchemaDifference>();

        var keyColumns = new HashSet<string>(expected.PrimaryKey?.Columns ?? [], names);
        keyColumns.UnionWith(target.PrimaryKey?.Columns ?? []);
        foreach (var column in expected.Columns)
        {
            var there = target.Columns.FirstOrDefault(t => names.Equals(t.Name, column.Name));
            if (there is null)
            {
                differences.Add(new SchemaDifference(table, SchemaPart.Column, column.Name, column.Name, null));
                continue;
            }
            var (wanted, found) = same
                ? (declared(column), there.DeclaredType)
                : (ddl.DeclaredInstead(expected, column) ?? Spelled(ddl, column), Spelled(ddl, there));
            // A target declaring exactly what the copy writes is the same, though it read back as another spelling
            // (MySQL's char(36) for a uuid reads back as text of 36 characters, which the writer spells varchar(36)).
            // Text against JSON is no difference of shape: the content is compared as JSON (TablePair.ComparedAs).
            if (!string.Equals(wanted, found, StringComparison.OrdinalIgnoreCase) && !string.Equals(wanted, there.DeclaredType, StringComparison.OrdinalIgnoreCase)
                && !TablePair.TextAgainstJson(column.Type, there.Type))
                differences.Add(new SchemaDifference(table, SchemaPart.Type, column.Name, wanted, there.DeclaredType));
            // A key's columns are NOT NULL wherever it is enforced, whatever SQLite's declaration said.
            if (column.Nullable != there.Nullable && !keyColumns.Contains(column.Name))
                differences.Add(new SchemaDifference(table, SchemaPart.Nullability, column.Name, Null(column.Nullable), Null(there.Nullable)));
        }
        foreach (var extra in target.Columns.Where(t => !expected.Columns.Any(c => names.Equals(c.Name, t.Name))))
            differences.Add(new SchemaDifference(table, SchemaPart.Column, extra.Name, null, extra.Name));

        var (wantedKey, foundKey) = (Key(expected.PrimaryKey), Key(target.PrimaryKey));
        if (!string.Equals(wantedKey, foundKey, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            differences.Add(new SchemaDifference(table, SchemaPart.PrimaryKey, wantedKey ?? foundKey!, wantedKey, foundKey));

        Sets(differences, table, SchemaPart.UniqueKey, UniqueKeys(expected, same), UniqueKeys(target, same), names);
        Sets(differences, table, SchemaPart.Index, Indexes(expected, same), WithoutMadeForForeignKeys(Indexes(target, same), Indexes(expected, same), target, engine, names), names);
        Sets(differences, table, SchemaPart.ForeignKey, expected.ForeignKeys.Select(ForeignKey).ToList(),
            target.ForeignKeys.Where(f => copied?.Contains(f.ReferencedTable) != false).Select(ForeignKey).ToList(), names);
        Checks(differences, table, expected.Checks, target.Checks, same);
        return differences;
    }

    /// <summary>A column's type as the target's DDL writer spells its neutral type, length and precision: how a copy writes it.</summary>
    private static string Spelled(IDdlWriter ddl, Column column) => ddl.TypeName(TypeChooser.Declared(column), identity: false);

    private static string Null(bool nullable) => nullable ? "nullable" : "NOT NULL";

    private static string? Key(PrimaryKey? key) => key is null ? null : Columns(key.Columns);

    private static string Columns(IEnumerable<string?> columns) => "(" + string.Join(", ", columns) + ")";

    /// <summary>UNIQUE constraints and unique indexes alike: SQLite and MySQL keep one as the other.</summary>
    private static List<string> UniqueKeys(Table table, bool sameDialect) =>
        [.. table.Uniques.Select(u => Columns(u.Columns)), .. table.Indexes.Where(i => i.Unique && !i.BacksConstraint).Select(i => IndexKey(i, sameDialect)).OfType<string>()];

    private static List<string> Indexes(Table table, bool sameDialect) =>
        [.. table.Indexes.Where(i => !i.Unique && !i.BacksConstraint).Select(i => IndexKey(i, sameDialect)).OfType<string>()];

    /// <summary>
    /// An index by what it indexes. Expressions and partial indexes' predicates are in the engine's dialect: compared
    /// within one dialect only, and across dialects an expression index is not compared at all (null).
    /// </summary>
    private static string? IndexKey(Schema.Index index, bool sameDialect)
    {
        if (index.HasExpressions && !sameDialect) return null;
        var key = index.HasExpressions ? $"({Normalized(index.KeyExpression ?? index.Definition ?? index.Name)})" : Columns(index.Columns);
        return sameDialect && index.Predicate is { } where ? $"{key} WHERE {Normalized(where)}" : key;
    }

    /// <summary>
    /// MySQL needs an index leading with a foreign key's columns and makes one when the table has none: such an index,
    /// on exactly those columns and not one the copy made, is the server's, not a difference.
    /// </summary>
    private static List<string> WithoutMadeForForeignKeys(List<string> found, List<string> wanted, Table target, Connections.EngineKind engine, StringComparer names)
    {
        if (engine != Connections.EngineKind.MySql) return found;
        var left = found.ToList();
        foreach (var key in target.ForeignKeys.Select(f => Columns(f.Columns)).Where(k => !wanted.Contains(k, names)))
            if (left.FindIndex(k => names.Equals(k, key)) is var at and >= 0) left.RemoveAt(at);
        return left;
    }

    private static string ForeignKey(ForeignKey key) => $"{Columns(key.Columns)} → {key.ReferencedTable}{Columns(key.ReferencedColumns)}";

    /// <summary>Each key on one side and not the other, counted: two equal indexes on one side need two on the other.</summary>
    private static void Sets(List<SchemaDifference> into, string table, SchemaPart part, List<string> wanted, List<string> found, StringComparer names)
    {
        var left = found.ToList();
        foreach (var key in wanted)
        {
            var at = left.FindIndex(k => names.Equals(k, key));
            if (at >= 0) left.RemoveAt(at);
            else into.Add(new SchemaDifference(table, part, key, key, null));
        }
        foreach (var key in left) into.Add(new SchemaDifference(table, part, key, null, key));
    }

    /// <summary>
    /// Checks by name first (a copy keeps a check's name, and names one the source left unnamed); the rest by their
    /// expression within one dialect. Across dialects the target rewrites an expression in its own words, which Ferry
    /// cannot read back as the source's: unnamed checks are matched by number, and only those left over are named.
    /// </summary>
    private static void Checks(List<SchemaDifference> into, string table, IReadOnlyList<CheckConstraint> wanted, IReadOnlyList<CheckConstraint> found, bool sameDialect)
    {
        var left = found.ToList();
        var unmatched = new List<CheckConstraint>();
        foreach (var check in wanted)
        {
            var at = check.Name is null ? -1 : left.FindIndex(c => string.Equals(c.Name, check.Name, StringComparison.OrdinalIgnoreCase));
            if (at < 0 && sameDialect) at = left.FindIndex(c => Normalized(c.Expression) == Normalized(check.Expression));
            if (at >= 0) left.RemoveAt(at);
            else unmatched.Add(check);
        }
        if (!sameDialect)
        {
            var paired = Math.Min(unmatched.Count, left.Count);
            unmatched = unmatched.Skip(paired).ToList();
            left = left.Skip(paired).ToList();
        }
        foreach (var check in unmatched) into.Add(new SchemaDifference(table, SchemaPart.Check, CheckText(check), CheckText(check), null));
        foreach (var check in left) into.Add(new SchemaDifference(table, SchemaPart.Check, CheckText(check), null, CheckText(check)));
    }

    private static string CheckText(CheckConstraint check) => (check.Name is null ? "" : check.Name + " ") + $"({Normalized(check.Expression)})";

    /// <summary>An expression with its runs of white space made one space: a reformatted statement is the same statement.</summary>
    internal static string Normalized(string sql) => Spaces().Replace(sql.Trim(), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

using Ferry.Connections;
using Ferry.Copy;
using Ferry.Schema;

namespace Ferry.Migrations.Generate;

/// <summary>
/// Compares two schemas of one engine, read by one reader, and plans the changes from the first to the second.
/// Both sides are spelled by the same server, so declared types, defaults and checks are compared as written
/// (white space aside). Objects are matched by name; a table or column renamed is a drop and an add, never a
/// guess, and a dropped and an added column of one type are named in a warning. The order is one every engine
/// can run: what goes (views, triggers, foreign keys, keys, indexes, tables; dropped tables after the tables that
/// reference them) before what comes (tables parents first, columns, keys, indexes, foreign keys, triggers, views).
/// </summary>
public static class SchemaDiff
{
    public static SchemaChanges Of(DatabaseSchema from, DatabaseSchema to)
    {
        // SQLite keeps an index as the user wrote it; the servers write their own text, which is then comparable.
        var canonical = from.Engine is not (EngineKind.Sqlite or EngineKind.Libsql);
        var fromTables = from.Tables.ToDictionary(t => t.QualifiedName, StringComparer.Ordinal);
        var toTables = to.Tables.ToDictionary(t => t.QualifiedName, StringComparer.Ordinal);
        var kept = from.Tables.Where(t => toTables.ContainsKey(t.QualifiedName)).Select(t => (From: t, To: toTables[t.QualifiedName])).ToList();
        var dropped = from.Tables.Where(t => !toTables.ContainsKey(t.QualifiedName)).ToList();
        var created = to.Tables.Where(t => !fromTables.ContainsKey(t.QualifiedName)).ToList();
        var changes = new List<SchemaChange>();

        changes.AddRange(from.Views.Where(v => !to.Views.Any(w => SameView(v, w))).Select(v => new DropView(v)));
        changes.AddRange(from.Triggers.Where(t => !to.Triggers.Any(u => SameTrigger(t, u))).Select(t => new DropTrigger(t)));
        foreach (var (a, b) in kept)
        {
            changes.AddRange(Missing(a.ForeignKeys, b.ForeignKeys, SameForeignKey).Select(k => new DropForeignKey(a, b, k)));
            if (a.PrimaryKey is { } key && !SameKey(key, b.PrimaryKey)) changes.Add(new DropPrimaryKey(a, b, key));
            changes.AddRange(Missing(a.Uniques, b.Uniques, SameUnique).Select(u => new DropUnique(a, b, u)));
            changes.AddRange(Missing(a.Checks, b.Checks, SameCheck).Select(c => new DropCheck(a, b, c)));
            changes.AddRange(Missing(Indexes(a), Indexes(b), (x, y) => SameIndex(x, y, canonical)).Select(i => new DropIndex(a, b, i)));
        }
        // Children before the parents they reference, so no engine refuses to drop a table still referenced.
        changes.AddRange(LoadOrder.Of(dropped).Tables.Reverse().Select(t => new DropTable(t)));
        changes.AddRange(LoadOrder.Of(created).Tables.Select(t => new CreateTable(t)));

        var warnings = new List<string>();
        foreach (var (a, b) in kept)
        {
            var added = b.Columns.Where(c => a.FindColumn(c.Name) is null).ToList();
            var removed = a.Columns.Where(c => b.FindColumn(c.Name) is null).ToList();
            changes.AddRange(added.Select(c => new AddColumn(a, b, c)));
            foreach (var column in a.Columns)
                if (b.FindColumn(column.Name) is { } wanted && !SameColumn(column, wanted)) changes.Add(new AlterColumn(a, b, column, wanted));
            changes.AddRange(removed.Select(c => new DropColumn(a, b, c)));
            foreach (var gone in removed)
                foreach (var come in added.Where(c => string.Equals(c.DeclaredType, gone.DeclaredType, StringComparison.OrdinalIgnoreCase)))
                    warnings.Add($"{b.QualifiedName}.{gone.Name} is dropped and {b.QualifiedName}.{come.Name} added, both {come.DeclaredType}: " +
                                 "if it is a rename, its values are lost; write ALTER TABLE … RENAME COLUMN in the migration instead.");
        }
        foreach (var (a, b) in kept)
        {
            if (b.PrimaryKey is { } key && !SameKey(key, a.PrimaryKey)) changes.Add(new AddPrimaryKey(a, b, key));
            changes.AddRange(Missing(b.Uniques, a.Uniques, SameUnique).Select(u => new AddUnique(a, b, u)));
            changes.AddRange(Missing(b.Checks, a.Checks, SameCheck).Select(c => new AddCheck(a, b, c)));
            changes.AddRange(Missing(Indexes(b), Indexes(a), (x, y) => SameIndex(x, y, canonical)).Select(i => new AddIndex(a, b, i)));
        }
        foreach (var (a, b) in kept)
            changes.AddRange(Missing(b.ForeignKeys, a.ForeignKeys, SameForeignKey).Select(k => new AddForeignKey(a, b, k, OfNewTable: false)));
        foreach (var table in created)
            changes.AddRange(table.ForeignKeys.Select(k => new AddForeignKey(table, table, k, OfNewTable: true)));
        changes.AddRange(to.Triggers.Where(t => !from.Triggers.Any(u => SameTrigger(t, u))).Select(t => new CreateTrigger(t)));
        changes.AddRange(ViewOrder.Of(to.Views).Where(v => !from.Views.Any(w => SameView(v, w))).Select(v => new CreateView(v)));
        return new SchemaChanges(from, to, changes, warnings);
    }

    /// <summary>The indexes a table has of its own: those backing a primary key or unique constraint come and go with it.</summary>
    public static IEnumerable<Schema.Index> Indexes(Table table) => table.Indexes.Where(i => !i.BacksConstraint);

    private static IEnumerable<T> Missing<T>(IEnumerable<T> these, IEnumerable<T> there, Func<T, T, bool> same) =>
        these.Where(x => !there.Any(y => same(x, y)));

    private static bool SameColumn(Column a, Column b) =>
        string.Equals(a.DeclaredType, b.DeclaredType, StringComparison.OrdinalIgnoreCase) && a.Nullable == b.Nullable
        && Normalized(a.Default) == Normalized(b.Default) && Normalized(a.GeneratedExpression) == Normalized(b.GeneratedExpression)
        && a.GeneratedStored == b.GeneratedStored && a.Collation == b.Collation && a.Identity == b.Identity;

    private static bool SameKey(PrimaryKey a, PrimaryKey? b) => b is not null && a.Columns.SequenceEqual(b.Columns);

    private static bool SameUnique(UniqueConstraint a, UniqueConstraint b) => a.Columns.SequenceEqual(b.Columns) && (a.Name is null || b.Name is null || a.Name == b.Name);

    private static bool SameCheck(CheckConstraint a, CheckConstraint b) => a.Name == b.Name && Normalized(a.Expression) == Normalized(b.Expression);

    private static bool SameForeignKey(ForeignKey a, ForeignKey b) =>
        a.Columns.SequenceEqual(b.Columns) && a.ReferencedTable == b.ReferencedTable && a.ReferencedColumns.SequenceEqual(b.ReferencedColumns)
        && a.OnDelete == b.OnDelete && a.OnUpdate == b.OnUpdate && (a.Name is null || b.Name is null || a.Name == b.Name);

    private static bool SameIndex(Schema.Index a, Schema.Index b, bool canonical) =>
        a.Name == b.Name && a.Unique == b.Unique && a.Columns.SequenceEqual(b.Columns)
        && Normalized(a.KeyExpression) == Normalized(b.KeyExpression) && Normalized(a.Predicate) == Normalized(b.Predicate)
        && (!canonical || Normalized(a.Definition) == Normalized(b.Definition));

    private static bool SameView(View a, View b) => a.QualifiedName == b.QualifiedName && Normalized(a.Definition) == Normalized(b.Definition);

    private static bool SameTrigger(Trigger a, Trigger b) => a.Name == b.Name && a.Table == b.Table && Normalized(a.Definition) == Normalized(b.Definition);

    /// <summary>White space aside, as verify compares expressions: a reformatted statement is the same statement.</summary>
    internal static string? Normalized(string? sql) => sql is null ? null : Verify.SchemaComparison.Normalized(sql);
}

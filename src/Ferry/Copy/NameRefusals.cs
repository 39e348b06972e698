using Ferry.Ddl;
using Ferry.Connections;
using Ferry.Engines;
using Ferry.Schema;

namespace Ferry.Copy;

/// <summary>
/// Every name the target would cut or merge, decided in the plan: the object that holds it is refused by
/// name, and the rest of the copy goes on. Nothing is created under a name the server changed on its own.
/// </summary>
/// <remarks>
/// Left out, not renamed: a table or index under a name Ferry made up is one the application does not
/// know, and a merge would put two source objects in one. Left out, not a usage error: one bad name is
/// one object's loss, said by name, and the user fixes it with --exclude or a rename and runs again.
/// A column cannot be left out of its table (no row could be carried whole), so its table is.
/// Sequences behind PostgreSQL identities are named by the server, which keeps its own names unique.
/// </remarks>
internal static class NameRefusals
{
    public static IReadOnlyList<DdlStep> Apply(IReadOnlyList<DdlStep> steps, IReadOnlyList<Table> tables, EngineKind target)
    {
        var names = TargetNames.For(target);
        var ddl = DdlWriters.For(target);
        var refused = new Dictionary<object, string>(ReferenceEqualityComparer.Instance);
        var created = new Dictionary<string, string>(StringComparer.Ordinal);
        var indexes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var constraints = Constraints(table, ddl);
            var why = TableRefusal(table, names, constraints.Where(c => c.InCreate));
            var key = names.Key(table.Name, names.TablesIgnoreCase);
            if (why is null && created.TryGetValue(key, out var first))
                // Within PostgreSQL two schemas may hold one name; a copy keys its tables (journal, reports) by name alone.
                why = first == table.Name ? $"{first} of another schema has the same name, and a copy tells its tables apart by name"
                    : $"its name and {first}'s are one to {names.Engine}, which compares table names without regard to case";
            if (why is not null)
            {
                refused[table] = why;
                continue;
            }
            created[key] = table.Name;
            foreach (var (subject, _, name, _) in constraints.Where(c => !c.InCreate))
                if (names.TooLong(name) is { } length) refused[subject] = $"its name {name} is {length}";
            foreach (var index in table.Indexes)
            {
                var indexKey = (names.IndexesPerTable ? table.Name + "\0" : "") + names.Key(index.Name, names.ColumnsIgnoreCase);
                if (names.TooLong(index.Name) is { } length) refused[index] = $"its name is {length}";
                else if (indexes.TryGetValue(indexKey, out var taken)) refused[index] = $"its name and {taken}'s are one to {names.Engine}{(index.Name == taken ? "" : ", which compares index names without regard to case")}";
                else indexes[indexKey] = index.Name;
            }
        }
        return steps.Select(s => s.Subject is { } subject && refused.TryGetValue(subject, out var why) ? s with { Refusal = why } : s).ToList();
    }

    /// <summary>Why the table cannot be created under its own names, or null: its name, a column's, or a constraint's declared in CREATE TABLE.</summary>
    private static string? TableRefusal(Table table, TargetNames names, IEnumerable<(object Subject, string What, string Name, bool InCreate)> inCreate)
    {
        if (names.TooLong(table.Name) is { } length) return $"its name is {length}";
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in table.Columns)
        {
            if (names.TooLong(column.Name) is { } tooLong) return $"its column {column.Name} is {tooLong}";
            if (!columns.TryAdd(names.Key(column.Name, names.ColumnsIgnoreCase), column.Name))
                return $"its columns {columns[names.Key(column.Name, names.ColumnsIgnoreCase)]} and {column.Name} are one name to {names.Engine}, which compares column names without regard to case";
        }
        foreach (var (_, what, name, _) in inCreate)
            if (names.TooLong(name) is { } tooLong) return $"its {what} {name} is {tooLong}";
        return null;
    }

    /// <summary>The table's named constraints, and whether each is declared in CREATE TABLE (so its name costs the table) or added on its own.</summary>
    private static List<(object Subject, string What, string Name, bool InCreate)> Constraints(Table table, IDdlWriter ddl)
    {
        var all = new List<(object, string, string, bool)>();
        if (table.PrimaryKey is { Name: { } key }) all.Add((table.PrimaryKey, "primary key", key, ddl.AddPrimaryKey(table) is null));
        foreach (var unique in table.Uniques.Where(u => u.Name is not null)) all.Add((unique, "unique key", unique.Name!, ddl.ConstraintsInCreateTable));
        foreach (var check in table.Checks.Where(c => c.Name is not null)) all.Add((check, "check", check.Name!, ddl.ConstraintsInCreateTable));
        foreach (var fk in table.ForeignKeys.Where(f => f.Name is not null)) all.Add((fk, "foreign key", fk.Name!, ddl.ConstraintsInCreateTable));
        return all;
    }
}

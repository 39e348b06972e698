using Ferry.Schema;

namespace Ferry.Copy;

/// <summary>
/// Parents before children, so a target that checks foreign keys during the load (SQLite cannot add
/// them afterwards) sees every referenced row first. Tables on a foreign-key cycle cannot be ordered;
/// they are returned together, and the copy creates their constraints after the load.
/// </summary>
public static class LoadOrder
{
    public sealed record Result(IReadOnlyList<Table> Tables, IReadOnlyList<IReadOnlyList<string>> Cycles);

    public static Result Of(IReadOnlyList<Table> tables)
    {
        var byName = tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        // Self-references and references to tables outside the selection do not constrain the order.
        var parents = tables.ToDictionary(t => t.Name, t => t.ForeignKeys
            .Select(f => f.ReferencedTable).Where(p => p != t.Name && byName.ContainsKey(p)).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

        var ordered = new List<Table>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var remaining = tables.Select(t => t.Name).ToList();
        while (remaining.Count > 0)
        {
            // Stable: among the tables whose parents are all placed, keep the schema's (name) order.
            var ready = remaining.Where(n => parents[n].All(done.Contains)).ToList();
            if (ready.Count == 0) break;
            foreach (var name in ready) { ordered.Add(byName[name]); done.Add(name); }
            remaining.RemoveAll(ready.Contains);
        }

        var cycles = StronglyConnected(remaining, parents);
        ordered.AddRange(remaining.Select(n => byName[n]));
        return new Result(ordered, cycles);
    }

    /// <summary>The groups of tables that reference each other in a ring (Tarjan's algorithm on what is left).</summary>
    private static List<IReadOnlyList<string>> StronglyConnected(List<string> names, Dictionary<string, HashSet<string>> parents)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var groups = new List<IReadOnlyList<string>>();
        var counter = 0;
        var inScope = names.ToHashSet(StringComparer.Ordinal);

        void Visit(string name)
        {
            index[name] = low[name] = counter++;
            stack.Push(name);
            onStack.Add(name);
            foreach (var parent in parents[name].Where(inScope.Contains))
            {
                if (!index.ContainsKey(parent)) { Visit(parent); low[name] = Math.Min(low[name], low[parent]); }
                else if (onStack.Contains(parent)) low[name] = Math.Min(low[name], index[parent]);
            }
            if (low[name] != index[name]) return;
            var group = new List<string>();
            string member;
            do { member = stack.Pop(); onStack.Remove(member); group.Add(member); } while (member != name);
            if (group.Count > 1) groups.Add(group.Order(StringComparer.Ordinal).ToList());
        }

        foreach (var name in names) if (!index.ContainsKey(name)) Visit(name);
        return groups;
    }
}

using System.Text.RegularExpressions;
using Ferry.Errors;
using Ferry.Schema;

namespace Ferry.Copy;

/// <summary>
/// <c>--tables</c> and <c>--exclude</c>: names and globs (<c>*</c>, <c>?</c>), matched without case
/// because users type <c>chat_*</c> for <c>Chat_Messages</c>. A pattern that matches nothing is an
/// error: a typo must not turn into a copy of nothing. A pattern with a dot is matched against a table's
/// schema-qualified name instead, so <c>--exclude 'auth.*'</c> leaves out Supabase's own schema and
/// <c>--tables public.users</c> takes one users; one without a dot never reaches into schema names (<c>p*</c> is
/// not every table of <c>public</c>).
/// </summary>
public sealed class TableSelection
{
    private readonly IReadOnlyList<string> _include;
    private readonly IReadOnlyList<string> _exclude;

    public TableSelection(IEnumerable<string>? include = null, IEnumerable<string>? exclude = null)
    {
        _include = Split(include);
        _exclude = Split(exclude);
    }

    /// <summary>The tables selected, never <see cref="FerryTables">Ferry's own</see>.</summary>
    public IReadOnlyList<Table> Apply(IReadOnlyList<Table> tables)
    {
        tables = tables.Where(t => !FerryTables.IsOwn(t)).ToList();
        foreach (var pattern in _include.Concat(_exclude))
            if (!tables.Any(t => Matches(pattern, t)))
                throw new FerryException(FerryErrorKind.Usage, $"No table matches '{pattern}'; the tables are: {string.Join(", ", tables.Select(Shown))}.");
        var selected = tables
            .Where(t => _include.Count == 0 || _include.Any(p => Matches(p, t)))
            .Where(t => !_exclude.Any(p => Matches(p, t)))
            .ToList();
        // A run keys its tables, its journal and its report by name: two schemas' tables of one name go one at a time.
        if (selected.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } same)
            throw new FerryException(FerryErrorKind.Usage,
                $"Tables {string.Join(" and ", same.Select(t => t.QualifiedName))} share the name {same.Key}, and Ferry takes one table of a name at a time: " +
                $"leave one out (--exclude {same.Last().QualifiedName}, or --tables '{same.First().Schema}.*') and run again for the other.");
        return selected;
    }

    /// <summary>A pattern with a dot against the table's schema-qualified name (where it has a schema), any other against its name.</summary>
    private static bool Matches(string pattern, Table table) =>
        pattern.Contains('.', StringComparison.Ordinal) && table.Schema is not null ? Matches(pattern, table.QualifiedName) : Matches(pattern, table.Name);

    /// <summary>A table as a pattern would name it: qualified where a schema other than the default one holds it.</summary>
    private static string Shown(Table table) => table.Schema is null or "public" ? table.Name : table.QualifiedName;

    public static bool Matches(string pattern, string name)
    {
        if (!pattern.Contains('*', StringComparison.Ordinal) && !pattern.Contains('?', StringComparison.Ordinal))
            return string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase);
        var regex = "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(name, regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    /// <summary>Accepts repeated options and comma-separated lists alike.</summary>
    private static List<string> Split(IEnumerable<string>? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
}

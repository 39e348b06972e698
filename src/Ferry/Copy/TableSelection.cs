using System.Text.RegularExpressions;
using Ferry.Errors;
using Ferry.Schema;

namespace Ferry.Copy;

/// <summary>
/// <c>--tables</c> and <c>--exclude</c>: names and globs (<c>*</c>, <c>?</c>), matched without case
/// because users type <c>chat_*</c> for <c>Chat_Messages</c>. A pattern that matches nothing is an
/// error: a typo must not turn into a copy of nothing.
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
            if (!tables.Any(t => Matches(pattern, t.Name)))
                throw new FerryException(FerryErrorKind.Usage, $"No table matches '{pattern}'; the tables are: {string.Join(", ", tables.Select(t => t.Name))}.");
        return tables
            .Where(t => _include.Count == 0 || _include.Any(p => Matches(p, t.Name)))
            .Where(t => !_exclude.Any(p => Matches(p, t.Name)))
            .ToList();
    }

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

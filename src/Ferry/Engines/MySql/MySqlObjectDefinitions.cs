using System.Globalization;
using System.Text.RegularExpressions;
using Ferry.Schema;

namespace Ferry.Engines.MySql;

/// <summary>
/// For a copy into MySQL: each view and trigger as the server writes it (SHOW CREATE VIEW, SHOW CREATE TRIGGER),
/// without its DEFINER clause. The definer is an account of the source's server; the target would refuse one
/// it does not have, or run the object with another's rights. Without the clause the target makes the copying
/// account the definer, and a view keeps its SQL SECURITY as written.
/// </summary>
internal static partial class MySqlObjectDefinitions
{
    public static async Task<DatabaseSchema> ReadAsync(MySqlDatabase database, DatabaseSchema schema, CancellationToken ct)
    {
        var d = database.Dialect;
        var name = Convert.ToString((await database.QueryAsync("SELECT DATABASE()", ct).ConfigureAwait(false))[0][0], CultureInfo.InvariantCulture) ?? "";
        var views = new List<View>();
        var relations = schema.Tables.Select(t => t.Name).Concat(schema.Views.Select(v => v.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var view in schema.Views)
        {
            var create = Unqualified(d, WithoutDefiner(Text((await database.QueryAsync("SHOW CREATE VIEW " + d.Quote(view.Name), ct).ConfigureAwait(false))[0][1])), name);
            views.Add(view with { Definition = create, Reads = Reads(create, view.Name, relations) });
        }
        var triggers = new List<Trigger>();
        foreach (var trigger in schema.Triggers)
        {
            // Column 2, "SQL Original Statement": the CREATE TRIGGER as its author wrote it.
            var create = Text((await database.QueryAsync("SHOW CREATE TRIGGER " + d.Quote(trigger.Name), ct).ConfigureAwait(false))[0][2]);
            triggers.Add(trigger with { Definition = WithoutDefiner(create) });
        }
        return schema with { Views = views, Triggers = triggers };
    }

    /// <summary>
    /// The statement without <c>DEFINER=`user`@`host` </c>: the first one, before VIEW or TRIGGER (a name or
    /// string further on that reads like one is the object's own). A doubled backtick is one inside a name.
    /// </summary>
    internal static string WithoutDefiner(string create) => Definer().Replace(create, "$1", 1);

    [GeneratedRegex("""^(CREATE\b[^`']*?)DEFINER\s*=\s*(`(?:[^`]|``)*`|'(?:[^']|'')*'|[^\s@]+)(@(`(?:[^`]|``)*`|'(?:[^']|'')*'|[^\s@]+))?\s+""", RegexOptions.CultureInvariant)]
    private static partial Regex Definer();

    /// <summary>
    /// The tables and views a view reads, from the server's own text of it: MySQL keeps no record of them
    /// (MariaDB has no VIEW_TABLE_USAGE). That text quotes every name and qualifies every column
    /// (<c>`t`.`id` AS `id`</c>), so a quoted name neither qualified, nor qualifying, nor an alias names a relation.
    /// </summary>
    private static List<string> Reads(string create, string self, HashSet<string> relations) =>
        // Every quoted name in turn from the start, so each closing backtick is taken as one, never as an opening.
        Quoted().Matches(create)
            .Where(m => !(m.Index > 0 && create[m.Index - 1] == '.') && !(m.Index + m.Length < create.Length && create[m.Index + m.Length] == '.')
                && !create.AsSpan(0, m.Index).EndsWith(" AS ", StringComparison.OrdinalIgnoreCase))
            .Select(m => m.Groups[1].Value.Replace("``", "`", StringComparison.Ordinal))
            .Where(n => n != self && relations.Contains(n)).Distinct().Order(StringComparer.Ordinal).ToList();

    [GeneratedRegex("`((?:[^`]|``)*)`", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();

    /// <summary>
    /// The view's SELECT without the database qualifier the server writes into every name
    /// (<c>`shop`.`User`.`id`</c>): left in, the view would keep reading the source database
    /// after being copied to a database of another name.
    /// </summary>
    internal static string Unqualified(ISqlDialect dialect, string definition, string databaseName) =>
        databaseName.Length == 0 ? definition : definition.Replace(dialect.Quote(databaseName) + ".", "", StringComparison.Ordinal);

    private static string Text(object? value) => value is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}

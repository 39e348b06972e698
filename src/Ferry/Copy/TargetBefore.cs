using Ferry.Schema;

namespace Ferry.Copy;

/// <summary>
/// Resuming: what the target held before this run changed anything — the tables the interrupted copy had
/// created, as it left them, and the views and triggers there. A resumed copy leaves out what is already
/// here instead of running the statement again and reading the refusal: SQLite has no code for "already
/// exists", and a server's words are in its own language.
/// </summary>
internal sealed class TargetBefore(DatabaseSchema schema, IReadOnlySet<string> present)
{
    private readonly Dictionary<string, Table> _tables = schema.Tables.Where(t => present.Contains(t.Name)).ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>The table as the interrupted copy left it; null for one it had not created.</summary>
    public Table? Table(string name) => _tables.GetValueOrDefault(name);

    /// <summary>
    /// Views and triggers are copied only within the SQLite family, which keeps their CREATE statements as
    /// written: one the interrupted copy made reads back as the plan has it. Another one of that name is
    /// not this copy's, and its CREATE is run to say so.
    /// </summary>
    public bool Has(View view) => schema.Views.Any(v => v.Name == view.Name && v.Definition == view.Definition);

    public bool Has(Trigger trigger) => schema.Triggers.Any(t => t.Name == trigger.Name && t.Definition == trigger.Definition);
}

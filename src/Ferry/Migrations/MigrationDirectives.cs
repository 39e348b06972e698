using Ferry.Errors;
using Ferry.Migrations.Lint;

namespace Ferry.Migrations;

/// <summary>
/// What a migration file asks of the runner, in <c>-- ferry:</c> comments at its top (before the first
/// statement): <c>-- ferry:no-transaction</c>, for statements PostgreSQL refuses inside a transaction
/// (CREATE INDEX CONCURRENTLY, ALTER TYPE … ADD VALUE before 12), and <c>-- ferry:allow RULE[, RULE]</c>,
/// which acknowledges a risky change that <c>ferry migrate lint</c> would otherwise hold against the file.
/// A misspelt directive or rule is an error rather than a comment, so a file never runs in a mode its
/// author did not ask for, nor lets through a change its author did not name.
/// </summary>
public sealed record MigrationDirectives(bool NoTransaction)
{
    private const string Prefix = "-- ferry:";
    private const string Allow = "allow ";

    /// <summary>The lint rules the file acknowledges (<see cref="LintRules"/>).</summary>
    public IReadOnlySet<string> Allowed { get; init; } = new HashSet<string>();

    public static MigrationDirectives Read(string text, string file)
    {
        var noTransaction = false;
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim().TrimStart('\uFEFF');
            if (line.Length == 0) continue;
            if (!line.StartsWith("--", StringComparison.Ordinal) || DownSection.IsMarker(line)) break;
            if (!line.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) continue;
            var directive = line[Prefix.Length..].Trim();
            if (directive.Equals("no-transaction", StringComparison.OrdinalIgnoreCase)) noTransaction = true;
            else if (directive.StartsWith(Allow, StringComparison.OrdinalIgnoreCase))
                foreach (var rule in directive[Allow.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (!LintRules.All.Contains(rule))
                        throw new FerryException(FerryErrorKind.Usage,
                            $"{file} allows '{rule}', which is not a lint rule; the rules are {string.Join(", ", LintRules.All)}.");
                    allowed.Add(rule);
                }
            else
                throw new FerryException(FerryErrorKind.Usage,
                    $"{file} asks for '{line}', which Ferry does not know; the directives are '-- ferry:no-transaction', '-- ferry:allow RULE' and '{DownSection.Marker}'.");
        }
        return new MigrationDirectives(noTransaction) { Allowed = allowed };
    }
}

using Ferry.Errors;

namespace Ferry.Migrations;

/// <summary>
/// What a Ferry migration file asks of the runner, in <c>-- ferry:</c> comments at its top (before the first
/// statement): today only <c>-- ferry:no-transaction</c>, for statements PostgreSQL refuses inside a
/// transaction (CREATE INDEX CONCURRENTLY, ALTER TYPE … ADD VALUE before 12). A misspelt directive is an
/// error rather than a comment, so a file never runs in a mode its author did not ask for.
/// </summary>
public sealed record MigrationDirectives(bool NoTransaction)
{
    private const string Prefix = "-- ferry:";

    public static MigrationDirectives Read(string text, string file)
    {
        var noTransaction = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim().TrimStart('\uFEFF');
            if (line.Length == 0) continue;
            if (!line.StartsWith("--", StringComparison.Ordinal)) break;
            if (!line.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) continue;
            var directive = line[Prefix.Length..].Trim();
            if (directive.Equals("no-transaction", StringComparison.OrdinalIgnoreCase)) noTransaction = true;
            else
                throw new FerryException(FerryErrorKind.Usage,
                    $"{file} asks for '{line}', which Ferry does not know; the one directive is '-- ferry:no-transaction'.");
        }
        return new MigrationDirectives(noTransaction);
    }
}

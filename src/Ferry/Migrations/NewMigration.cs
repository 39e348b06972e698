using System.Globalization;
using System.Text.RegularExpressions;
using Ferry.Errors;

namespace Ferry.Migrations;

/// <summary>
/// <c>ferry migrate new NAME</c>: the next <c>NNNN_name.sql</c> and its <c>NNNN_name.down.sql</c>, numbered
/// one past the highest in the folder, as wide as the widest number there (four digits in a new folder).
/// </summary>
public static partial class NewMigration
{
    [GeneratedRegex(@"[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotNameChars();

    public static (string Up, string Down) Create(string directory, string name) =>
        Create(directory, name, "the change. Statements end with ';'. Add '-- ferry:no-transaction' as the first line to run outside a transaction.", "", "");

    /// <summary>
    /// The pair with its statements already written (<c>ferry migrate generate</c>): the up file headed by
    /// <paramref name="about"/> after its stem, the down file by what runs it.
    /// </summary>
    internal static (string Up, string Down) Create(string directory, string name, string about, string upBody, string downBody)
    {
        var stem = NextStem(directory, name);
        var up = Path.Combine(directory, stem + ".sql");
        var down = Path.Combine(directory, stem + ".down.sql");
        File.WriteAllText(up, $"-- {stem}: {about}\n" + upBody);
        File.WriteAllText(down, $"-- Undoes {stem}: 'ferry migrate down' runs this.\n" + downBody);
        return (up, down);
    }

    /// <summary><c>0003_add_email</c>: the next free number in a Ferry folder (made if missing) and the name as a slug.</summary>
    private static string NextStem(string directory, string name)
    {
        var slug = Slug(name);
        if (MigrationFolder.FormatOf(directory) == MigrationFormat.Drizzle)
            throw new FerryException(FerryErrorKind.Usage, $"{directory} is a drizzle-kit folder: 'drizzle-kit generate' writes its migrations and its journal.");
        Directory.CreateDirectory(directory);
        var existing = FerryFolder.Versions(directory);
        var next = existing.Count == 0 ? 1 : existing.Max(v => v.Number) + 1;
        var width = Math.Max(4, existing.Count == 0 ? 0 : existing.Max(v => v.Digits));
        return next.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0') + "_" + slug;
    }

    /// <summary>The name in lower case with every run of other characters made one '_', refused when nothing is left.</summary>
    internal static string Slug(string name)
    {
        var slug = NotNameChars().Replace(name.ToLowerInvariant(), "_").Trim('_');
        return slug.Length > 0 ? slug
            : throw new FerryException(FerryErrorKind.Usage, $"'{name}' has no letters or digits to name a migration by, as in 'ferry migrate new add_email'.");
    }
}

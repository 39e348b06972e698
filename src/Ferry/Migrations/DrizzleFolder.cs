using System.Text.Json;
using System.Text.Json.Serialization;
using Ferry.Errors;

namespace Ferry.Migrations;

/// <summary>
/// A drizzle-kit output folder read as drizzle-orm's <c>readMigrationFiles</c> reads it: the journal's
/// entries in their order, each <c>{tag}.sql</c> split on <c>--&gt; statement-breakpoint</c>, hashed whole,
/// ordered and recorded by the entry's <c>when</c>. drizzle-kit writes no down migrations.
/// </summary>
internal static class DrizzleFolder
{
    public const string Breakpoint = "--> statement-breakpoint";

    private sealed record Journal([property: JsonPropertyName("entries")] List<JournalEntry>? Entries);

    private sealed record JournalEntry(
        [property: JsonPropertyName("idx")] int Idx,
        [property: JsonPropertyName("when")] long When,
        [property: JsonPropertyName("tag")] string? Tag);

    public static IReadOnlyList<Migration> Read(string directory)
    {
        var journalPath = Path.Combine(directory, MigrationFolder.DrizzleJournal);
        Journal? journal;
        try
        {
            journal = JsonSerializer.Deserialize<Journal>(File.ReadAllText(journalPath));
        }
        catch (JsonException e)
        {
            throw new FerryException(FerryErrorKind.Usage, $"{journalPath} is not a drizzle-kit journal: {e.Message}");
        }
        var migrations = new List<Migration>();
        foreach (var entry in journal?.Entries ?? [])
        {
            if (string.IsNullOrEmpty(entry.Tag))
                throw new FerryException(FerryErrorKind.Usage, $"{journalPath} has an entry (idx {entry.Idx}) without a tag.");
            var path = Path.Combine(directory, entry.Tag + ".sql");
            if (!File.Exists(path))
                throw new FerryException(FerryErrorKind.Usage, $"{journalPath} lists {entry.Tag}, but there is no {path}.");
            var text = MigrationHash.ReadText(path);
            // drizzle-orm runs every piece between breakpoints, as it is; a blank piece is nothing to run.
            var statements = text.Split(Breakpoint).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).ToList();
            var digits = entry.Tag.TakeWhile(char.IsAsciiDigit).Count();
            var version = digits > 0 ? entry.Tag[..digits] : entry.Idx.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            // drizzle-orm reads a comment as a comment, so a file may carry '-- ferry:allow RULE' for lint.
            var allowed = MigrationDirectives.Read(text, path).Allowed;
            migrations.Add(new Migration(version, entry.Tag, path, entry.When, MigrationHash.Of(text), statements, InTransaction: true, Down: null) { Allowed = allowed });
        }
        return migrations;
    }
}

using Ferry.Engines;
using Ferry.Errors;

namespace Ferry.Migrations;

/// <summary>
/// A down part kept in the up file itself, below a line <c>-- ferry:down</c>: what is above it runs on
/// <c>up</c>, what is below on <c>down</c>. The file is one migration with one hash over its whole text,
/// so <c>status</c> calls it changed when either part is edited (a separate <c>.down.sql</c> is not hashed). The marker counts only as a comment of its own line, never inside a
/// string or a dollar-quoted body, which the dialect's tokenizer tells.
/// </summary>
internal static class DownSection
{
    public const string Marker = "-- ferry:down";

    public static bool IsMarker(string trimmedLine) => trimmedLine.Equals(Marker, StringComparison.OrdinalIgnoreCase);

    /// <summary>The text above the marker and the text below it, or the whole text and null when the file has no marker.</summary>
    public static (string Up, string? Down) Split(string text, SqlFlavor flavor, string file)
    {
        // Most files have no marker: they are not tokenized twice (SqlScript splits them once more).
        if (!text.Contains(Marker, StringComparison.OrdinalIgnoreCase)) return (text, null);
        var tokens = SqlTokenizer.Tokenize(text, flavor);
        var markers = new List<int>();
        var at = 0;
        foreach (var line in text.Split('\n'))
        {
            var lead = line.Length - line.TrimStart().Length;
            if (IsMarker(line.Trim().TrimStart('\uFEFF')) && !tokens.Any(t => t.Start <= at + lead && at + lead < t.Start + t.Length))
                markers.Add(at);
            at += line.Length + 1;
        }
        if (markers.Count == 0) return (text, null);
        if (markers.Count > 1)
            throw new FerryException(FerryErrorKind.Usage, $"{file} has {markers.Count} '{Marker}' lines: one marks where the down part begins.");
        var end = text.IndexOf('\n', markers[0]);
        return (text[..markers[0]], end < 0 ? "" : text[(end + 1)..]);
    }
}

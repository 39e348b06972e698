using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ferry.Copy;
using Ferry.Query;
using Ferry.Values;

namespace Ferry.Cli.Output;

/// <summary>
/// A query's rows as <c>ferry query</c> prints them. Every value is shown as Ferry shows values elsewhere
/// (<see cref="ValueText"/>: exact, whatever the culture; bytes as 0x hex), NULL apart from an empty text.
/// </summary>
public static class QueryRenderer
{
    public enum Format { Table, JsonLines, Csv }

    /// <summary>A cell wider than this is cut in a table (never in JSON or CSV).</summary>
    private const int MaxCellWidth = 60;

    public static Task WriteAsync(QueryResult result, Format format, TextWriter output, CancellationToken ct) => format switch
    {
        Format.JsonLines => JsonLinesAsync(result, output, ct),
        Format.Csv => CsvAsync(result, output, ct),
        _ => TableAsync(result, output, ct),
    };

    private static string? Text(object? value) => value is null ? null : ValueText.Of(value);

    /// <summary>
    /// One JSON object a line, streamed as rows arrive: keys are the column names (a repeated name gets _2, _3),
    /// values their text or null; numbers too are texts, so a 64-bit integer or a decimal keeps every digit.
    /// </summary>
    private static async Task JsonLinesAsync(QueryResult result, TextWriter output, CancellationToken ct)
    {
        var keys = UniqueNames(result.Columns);
        var buffer = new MemoryStream();
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        await foreach (var row in result.Rows(ct).ConfigureAwait(false))
        {
            buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(buffer, options))
            {
                json.WriteStartObject();
                for (var i = 0; i < row.Length; i++)
                {
                    if (Text(row[i]) is { } text) json.WriteString(keys[i], text);
                    else json.WriteNull(keys[i]);
                }
                json.WriteEndObject();
            }
            await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)).ConfigureAwait(false);
        }
    }

    /// <summary>RFC 4180, with a header line. NULL is an empty field; an empty text is <c>""</c>, so the two stay apart.</summary>
    private static async Task CsvAsync(QueryResult result, TextWriter output, CancellationToken ct)
    {
        await output.WriteAsync(string.Join(',', result.Columns.Select(Csv)) + "\r\n").ConfigureAwait(false);
        await foreach (var row in result.Rows(ct).ConfigureAwait(false))
            await output.WriteAsync(string.Join(',', row.Select(v => Text(v) is { } text ? Csv(text) : "")) + "\r\n").ConfigureAwait(false);
    }

    private static string Csv(string text) =>
        text.Length == 0 || text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? '"' + text.Replace("\"", "\"\"", StringComparison.Ordinal) + '"' : text;

    /// <summary>Columns lined up under their names; the rows are held to measure them (the row limit bounds how many).</summary>
    private static async Task TableAsync(QueryResult result, TextWriter output, CancellationToken ct)
    {
        var rows = new List<string[]>();
        await foreach (var row in result.Rows(ct).ConfigureAwait(false))
            rows.Add(row.Select(v => Text(v) is { } text ? Cell(text) : "NULL").ToArray());
        var widths = result.Columns.Select((name, i) => rows.Select(r => r[i].Length).Append(Cell(name).Length).Max()).ToArray();
        await output.WriteLineAsync(Line(result.Columns.Select(Cell).ToArray(), widths)).ConfigureAwait(false);
        await output.WriteLineAsync(string.Join("-+-", widths.Select(w => new string('-', w)))).ConfigureAwait(false);
        foreach (var row in rows) await output.WriteLineAsync(Line(row, widths)).ConfigureAwait(false);
        await output.WriteLineAsync($"({rows.Count} {(rows.Count == 1 ? "row" : "rows")})").ConfigureAwait(false);
    }

    private static string Line(string[] cells, int[] widths) => string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();

    /// <summary>One line, so the columns stay aligned: line breaks and tabs as escapes, and a long value cut.</summary>
    private static string Cell(string text)
    {
        var line = text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
        return line.Length > MaxCellWidth ? line[..(MaxCellWidth - 1)] + "…" : line;
    }

    private static string[] UniqueNames(IReadOnlyList<string> columns)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return columns.Select(name =>
        {
            seen[name] = seen.GetValueOrDefault(name) + 1;
            return seen[name] == 1 ? name : $"{name}_{seen[name]}";
        }).ToArray();
    }
}

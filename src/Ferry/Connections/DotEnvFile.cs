using System.Text;

namespace Ferry.Connections;

/// <summary>
/// Reads a <c>.env</c> file the way dotenv (Node) and python-dotenv do: <c>KEY=value</c> lines,
/// an optional <c>export</c> prefix, <c>#</c> comments, single quotes taken literally, double
/// quotes with <c>\n</c>, <c>\"</c> and <c>\\</c> escapes and line breaks inside, unquoted values
/// trimmed and cut at <c> #</c>. Variables are not expanded: what is written is what is read.
/// </summary>
public static class DotEnvFile
{
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            var lineEnd = IndexOfLineEnd(text, i);
            var line = text[i..lineEnd];
            var next = lineEnd < text.Length ? lineEnd + 1 : lineEnd;
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] == '#') { i = next; continue; }
            if (trimmed.StartsWith("export ", StringComparison.Ordinal)) trimmed = trimmed[7..].TrimStart();
            var eq = trimmed.IndexOf('=');
            if (eq <= 0) { i = next; continue; }
            var key = trimmed[..eq].Trim();
            var rest = trimmed[(eq + 1)..].TrimStart();
            // Where in the whole text the value starts: a quoted value may run over several lines.
            var valueStart = lineEnd - rest.Length;
            if (rest.Length > 0 && (rest[0] == '"' || rest[0] == '\'' || rest[0] == '`'))
            {
                var quote = rest[0];
                var (value, end) = ReadQuoted(text, valueStart + 1, quote);
                if (end >= 0)
                {
                    values[key] = value;
                    i = Math.Min(IndexOfLineEnd(text, end) + 1, text.Length);
                    continue;
                }
                // An unclosed quote: take the line as it stands, as dotenv does.
            }
            values[key] = Unquoted(rest);
            i = next;
        }
        return values;
    }

    public static IReadOnlyDictionary<string, string> Load(string path) => Parse(File.ReadAllText(path));

    private static int IndexOfLineEnd(string text, int from)
    {
        var end = text.IndexOf('\n', from);
        return end < 0 ? text.Length : end;
    }

    private static string Unquoted(string rest)
    {
        var comment = rest.IndexOf(" #", StringComparison.Ordinal);
        if (comment >= 0) rest = rest[..comment];
        return rest.TrimEnd('\r').Trim();
    }

    private static (string Value, int End) ReadQuoted(string text, int start, char quote)
    {
        var value = new StringBuilder();
        for (var j = start; j < text.Length; j++)
        {
            var c = text[j];
            if (c == quote) return (value.ToString(), j);
            if (c == '\\' && quote == '"' && j + 1 < text.Length)
            {
                var escaped = text[++j];
                value.Append(escaped switch { 'n' => '\n', 'r' => '\r', 't' => '\t', _ => escaped });
                continue;
            }
            if (c != '\r') value.Append(c);
        }
        return ("", -1);
    }
}

namespace Ferry.Engines.Sqlite;

internal enum TokenKind { Word, QuotedName, String, Number, Open, Close, Comma, Other }

internal readonly record struct SqlToken(TokenKind Kind, int Start, int Length, string Text)
{
    public bool Is(string word) => Kind == TokenKind.Word && Text.Equals(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>The name a word or quoted identifier stands for, quotes removed.</summary>
    public string Name => Kind switch
    {
        TokenKind.QuotedName or TokenKind.String => Unquote(Text),
        _ => Text,
    };

    private static string Unquote(string text)
    {
        var open = text[0];
        var close = open == '[' ? ']' : open;
        var inner = text[1..^1];
        return open == '[' ? inner : inner.Replace(new string(close, 2), close.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>
/// Splits SQLite DDL into tokens: enough to find column clauses that no PRAGMA reports
/// (COLLATE, GENERATED, CHECK, AUTOINCREMENT, constraint names) without a full SQL grammar.
/// </summary>
internal static class SqlTokenizer
{
    public static List<SqlToken> Tokenize(string sql)
    {
        var tokens = new List<SqlToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '-' && At(sql, i + 1) == '-') { i = IndexOrEnd(sql, "\n", i); continue; }
            if (c == '/' && At(sql, i + 1) == '*') { i = Math.Min(IndexOrEnd(sql, "*/", i + 2) + 2, sql.Length); continue; }
            var start = i;
            TokenKind kind;
            switch (c)
            {
                case '(': kind = TokenKind.Open; i++; break;
                case ')': kind = TokenKind.Close; i++; break;
                case ',': kind = TokenKind.Comma; i++; break;
                case '\'': kind = TokenKind.String; i = EndOfQuoted(sql, i, '\''); break;
                case '"': kind = TokenKind.QuotedName; i = EndOfQuoted(sql, i, '"'); break;
                case '`': kind = TokenKind.QuotedName; i = EndOfQuoted(sql, i, '`'); break;
                case '[': kind = TokenKind.QuotedName; i = Math.Min(IndexOrEnd(sql, "]", i) + 1, sql.Length); break;
                default:
                    if (char.IsLetter(c) || c == '_' || c > 127)
                    {
                        kind = TokenKind.Word;
                        while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$' || sql[i] > 127)) i++;
                    }
                    else if (char.IsDigit(c) || (c == '.' && char.IsDigit(At(sql, i + 1))))
                    {
                        kind = TokenKind.Number;
                        while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '.')) i++;
                    }
                    else
                    {
                        kind = TokenKind.Other;
                        i++;
                    }
                    break;
            }
            tokens.Add(new SqlToken(kind, start, i - start, sql[start..i]));
        }
        return tokens;
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    private static int IndexOrEnd(string s, string what, int from)
    {
        var i = s.IndexOf(what, from, StringComparison.Ordinal);
        return i < 0 ? s.Length : i;
    }

    /// <summary>The index after a quoted token; a doubled quote inside is part of it.</summary>
    private static int EndOfQuoted(string s, int start, char quote)
    {
        var i = start + 1;
        while (i < s.Length)
        {
            if (s[i] == quote)
            {
                if (At(s, i + 1) == quote) { i += 2; continue; }
                return i + 1;
            }
            i++;
        }
        return s.Length;
    }
}

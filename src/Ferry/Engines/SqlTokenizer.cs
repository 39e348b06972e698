namespace Ferry.Engines;

internal enum TokenKind { Word, QuotedName, String, Number, Open, Close, Comma, Other }

/// <summary>Whose lexical rules a script follows: where strings, quoted names and comments begin and end.</summary>
internal enum SqlFlavor
{
    /// <summary>SQLite and libSQL: '…' strings, "…", `…` and […] names.</summary>
    Sqlite,
    /// <summary>PostgreSQL: also $tag$…$tag$ bodies, E'…' strings with backslash escapes, nested /* */ comments.</summary>
    Postgres,
    /// <summary>MySQL and MariaDB: # comments, "--" only before a blank, backslash escapes in '…' and "…" strings.</summary>
    MySql,
}

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
/// Splits SQL into tokens: enough to find column clauses that no PRAGMA reports (COLLATE, GENERATED,
/// CHECK, AUTOINCREMENT, constraint names) and the semicolons that end statements, without a full
/// grammar. Comments are dropped; strings, quoted names and PostgreSQL's dollar-quoted bodies are one
/// token each, so nothing inside them is mistaken for code.
/// </summary>
internal static class SqlTokenizer
{
    public static List<SqlToken> Tokenize(string sql, SqlFlavor flavor = SqlFlavor.Sqlite)
    {
        var tokens = new List<SqlToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (IsLineComment(sql, i, flavor)) { i = IndexOrEnd(sql, "\n", i); continue; }
            if (c == '/' && At(sql, i + 1) == '*') { i = AfterBlockComment(sql, i, nested: flavor == SqlFlavor.Postgres); continue; }
            var start = i;
            TokenKind kind;
            switch (c)
            {
                case '(': kind = TokenKind.Open; i++; break;
                case ')': kind = TokenKind.Close; i++; break;
                case ',': kind = TokenKind.Comma; i++; break;
                case '\'': kind = TokenKind.String; i = EndOfQuoted(sql, i, '\'', backslashEscapes: flavor == SqlFlavor.MySql); break;
                case '"': kind = TokenKind.QuotedName; i = EndOfQuoted(sql, i, '"', backslashEscapes: flavor == SqlFlavor.MySql); break;
                case '`': kind = TokenKind.QuotedName; i = EndOfQuoted(sql, i, '`', backslashEscapes: false); break;
                case '[' when flavor == SqlFlavor.Sqlite: kind = TokenKind.QuotedName; i = Math.Min(IndexOrEnd(sql, "]", i) + 1, sql.Length); break;
                case '$' when flavor == SqlFlavor.Postgres && DollarTag(sql, i) is { } tag:
                    kind = TokenKind.String;
                    i = Math.Min(IndexOrEnd(sql, tag, i + tag.Length) + tag.Length, sql.Length);
                    break;
                case 'E' or 'e' when flavor == SqlFlavor.Postgres && At(sql, i + 1) == '\'':
                    kind = TokenKind.String;
                    i = EndOfQuoted(sql, i + 1, '\'', backslashEscapes: true);
                    break;
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

    /// <summary>MySQL takes "--" as a comment only before a blank (so <c>1--1</c> is arithmetic), and "#" as one too.</summary>
    private static bool IsLineComment(string sql, int i, SqlFlavor flavor) => flavor == SqlFlavor.MySql
        ? sql[i] == '#' || (sql[i] == '-' && At(sql, i + 1) == '-' && (i + 2 == sql.Length || char.IsWhiteSpace(sql[i + 2])))
        : sql[i] == '-' && At(sql, i + 1) == '-';

    /// <summary>The index after a /* */ comment; PostgreSQL's nest, so /* a /* b */ c */ is one comment there.</summary>
    private static int AfterBlockComment(string sql, int start, bool nested)
    {
        var depth = 0;
        var i = start;
        while (i < sql.Length - 1)
        {
            if (sql[i] == '/' && sql[i + 1] == '*') { depth++; i += 2; if (!nested && depth > 1) depth = 1; continue; }
            if (sql[i] == '*' && sql[i + 1] == '/') { depth--; i += 2; if (depth == 0) return i; continue; }
            i++;
        }
        return sql.Length;
    }

    /// <summary>The opening <c>$tag$</c> of a dollar-quoted string at <paramref name="i"/>, or null where the $ is something else ($1, a name's $).</summary>
    private static string? DollarTag(string sql, int i)
    {
        var j = i + 1;
        while (j < sql.Length && (char.IsLetter(sql[j]) || sql[j] == '_' || sql[j] > 127 || (j > i + 1 && char.IsDigit(sql[j])))) j++;
        return At(sql, j) == '$' ? sql[i..(j + 1)] : null;
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    private static int IndexOrEnd(string s, string what, int from)
    {
        var i = s.IndexOf(what, from, StringComparison.Ordinal);
        return i < 0 ? s.Length : i;
    }

    /// <summary>The index after a quoted token; a doubled quote inside is part of it, as is one escaped by a backslash where the flavor allows that.</summary>
    private static int EndOfQuoted(string s, int start, char quote, bool backslashEscapes)
    {
        var i = start + 1;
        while (i < s.Length)
        {
            if (backslashEscapes && s[i] == '\\') { i += 2; continue; }
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

using Ferry.Engines.Sqlite;

namespace Ferry.Engines.Libsql;

/// <summary>
/// Splits a SQL script into statements, because a Hrana statement may hold only one (sqld answers
/// <c>SQL_MANY_STATEMENTS</c>). Semicolons inside strings, quoted names and comments do not split,
/// nor do those inside a trigger's BEGIN ... END body.
/// </summary>
internal static class LibsqlScript
{
    private static readonly HashSet<string> TransactionWords = new(StringComparer.OrdinalIgnoreCase)
        { "BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE" };

    public static List<string> Split(string sql)
    {
        var statements = new List<string>();
        var tokens = SqlTokenizer.Tokenize(sql);
        var start = -1;       // index in sql of the current statement's first token
        var first = 0;        // index in tokens of the current statement's first token
        var depth = 0;        // BEGIN/CASE ... END nesting inside a trigger body
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (start < 0)
            {
                if (token.Text == ";") continue;
                start = token.Start;
                first = i;
            }
            if (IsTrigger(tokens, first))
            {
                if (token.Is("BEGIN") || (depth > 0 && token.Is("CASE"))) depth++;
                else if (depth > 0 && token.Is("END")) depth--;
            }
            if (token.Text == ";" && depth == 0)
            {
                statements.Add(sql[start..token.Start].Trim());
                start = -1;
            }
        }
        if (start >= 0) statements.Add(sql[start..].Trim());
        return statements;
    }

    /// <summary>True for BEGIN, COMMIT, ROLLBACK, SAVEPOINT...: a script that manages its own transaction.</summary>
    public static bool IsTransactionControl(string statement)
    {
        var tokens = SqlTokenizer.Tokenize(statement);
        return tokens.Count > 0 && tokens[0].Kind == TokenKind.Word && TransactionWords.Contains(tokens[0].Text);
    }

    /// <summary>CREATE [TEMP|TEMPORARY] TRIGGER.</summary>
    private static bool IsTrigger(List<SqlToken> tokens, int first)
    {
        if (first >= tokens.Count || !tokens[first].Is("CREATE")) return false;
        var next = first + 1;
        if (next < tokens.Count && (tokens[next].Is("TEMP") || tokens[next].Is("TEMPORARY"))) next++;
        return next < tokens.Count && tokens[next].Is("TRIGGER");
    }

    /// <summary>The statement's start, for error messages: enough to find it, short enough to read.</summary>
    public static string Excerpt(string statement, int length = 60)
    {
        var oneLine = string.Join(' ', statement.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= length ? oneLine : oneLine[..length] + "…";
    }
}

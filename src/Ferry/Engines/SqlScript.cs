namespace Ferry.Engines;

/// <summary>
/// Splits a script into statements at the semicolons that end them, for a server or a runner that takes
/// one statement at a time. Semicolons inside strings, quoted names, comments and dollar-quoted bodies do
/// not split (the tokenizer makes each of those one token), nor do those inside the body of a routine:
/// a SQLite trigger's BEGIN … END, a MySQL procedure, function, trigger or event written without
/// DELIMITER, a PostgreSQL BEGIN ATOMIC … END function body.
/// </summary>
internal static class SqlScript
{
    /// <summary>What CREATE … makes when its body holds statements of its own.</summary>
    private static readonly HashSet<string> Routines = new(StringComparer.OrdinalIgnoreCase)
        { "TRIGGER", "PROCEDURE", "FUNCTION", "EVENT" };

    /// <summary>What CREATE … makes when it has no such body: the search for a routine word stops there.</summary>
    private static readonly HashSet<string> NotRoutines = new(StringComparer.OrdinalIgnoreCase)
        { "TABLE", "VIEW", "INDEX", "UNIQUE", "SCHEMA", "DATABASE", "SEQUENCE", "TYPE", "DOMAIN", "EXTENSION", "ROLE", "USER" };

    /// <summary>MySQL's compound statements, closed by END IF, END LOOP, END WHILE, END REPEAT.</summary>
    private static readonly HashSet<string> MySqlBlocks = new(StringComparer.OrdinalIgnoreCase) { "LOOP", "WHILE", "REPEAT" };

    /// <summary>Tokens after which an IF opens a statement (MySQL's IF … END IF) rather than calls the IF() function.</summary>
    private static readonly HashSet<string> StatementStarts = new(StringComparer.OrdinalIgnoreCase)
        { ";", ":", "BEGIN", "THEN", "ELSE", "DO", "LOOP", "REPEAT", "ROW" };

    /// <summary>The lexical rules of <paramref name="engine"/>'s SQL: libSQL speaks SQLite's.</summary>
    public static SqlFlavor FlavorOf(Connections.EngineKind engine) => engine switch
    {
        Connections.EngineKind.Postgres => SqlFlavor.Postgres,
        Connections.EngineKind.MySql => SqlFlavor.MySql,
        _ => SqlFlavor.Sqlite,
    };

    public static List<string> Split(string sql, SqlFlavor flavor)
    {
        var statements = new List<string>();
        var tokens = SqlTokenizer.Tokenize(sql, flavor);
        var start = -1;       // index in sql of the current statement's first token
        var routine = false;  // the current statement is CREATE TRIGGER, PROCEDURE, FUNCTION or EVENT
        var depth = 0;        // BEGIN/CASE/IF/LOOP … END nesting inside its body
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (start < 0)
            {
                if (token.Text == ";") continue;
                start = token.Start;
                routine = IsRoutine(tokens, i);
            }
            if (routine)
            {
                if (token.Is("END"))
                {
                    if (depth > 0) depth--;
                    // END IF, END LOOP, END CASE…: the word after END closes, it does not open.
                    if (i + 1 < tokens.Count && (tokens[i + 1].Is("IF") || tokens[i + 1].Is("CASE") || IsMySqlBlock(tokens[i + 1], flavor))) i++;
                    continue;
                }
                if (token.Is("BEGIN") || token.Is("CASE") || IsMySqlBlock(token, flavor)
                    || (flavor == SqlFlavor.MySql && token.Is("IF") && i > 0 && StatementStarts.Contains(tokens[i - 1].Text)))
                    depth++;
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

    private static bool IsMySqlBlock(SqlToken token, SqlFlavor flavor) =>
        flavor == SqlFlavor.MySql && token.Kind == TokenKind.Word && MySqlBlocks.Contains(token.Text);

    /// <summary>CREATE [OR REPLACE] [TEMP] [DEFINER = …] TRIGGER | PROCEDURE | FUNCTION | EVENT, looked for within its first words.</summary>
    private static bool IsRoutine(List<SqlToken> tokens, int first)
    {
        if (!tokens[first].Is("CREATE")) return false;
        for (var i = first + 1; i < tokens.Count && i < first + 12; i++)
        {
            var token = tokens[i];
            if (token.Kind is TokenKind.Open || token.Text == ";") return false;
            if (token.Kind != TokenKind.Word) continue;
            if (Routines.Contains(token.Text)) return true;
            if (NotRoutines.Contains(token.Text)) return false;
        }
        return false;
    }

    /// <summary>The statement's start, for error messages: enough to find it, short enough to read.</summary>
    public static string Excerpt(string statement, int length = 60)
    {
        var oneLine = string.Join(' ', statement.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= length ? oneLine : oneLine[..length] + "…";
    }
}

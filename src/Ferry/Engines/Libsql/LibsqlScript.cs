namespace Ferry.Engines.Libsql;

/// <summary>
/// Splits a SQL script into statements, because a Hrana statement may hold only one (sqld answers
/// <c>SQL_MANY_STATEMENTS</c>). Semicolons inside strings, quoted names and comments do not split,
/// nor do those inside a trigger's BEGIN ... END body (<see cref="SqlScript"/>).
/// </summary>
internal static class LibsqlScript
{
    private static readonly HashSet<string> TransactionWords = new(StringComparer.OrdinalIgnoreCase)
        { "BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE" };

    public static List<string> Split(string sql) => SqlScript.Split(sql, SqlFlavor.Sqlite);

    /// <summary>True for BEGIN, COMMIT, ROLLBACK, SAVEPOINT...: a script that manages its own transaction.</summary>
    public static bool IsTransactionControl(string statement)
    {
        var tokens = SqlTokenizer.Tokenize(statement);
        return tokens.Count > 0 && tokens[0].Kind == TokenKind.Word && TransactionWords.Contains(tokens[0].Text);
    }
}

namespace Ferry.Engines.MySql;

/// <summary>
/// Whether SQL text holds more than one statement. MySqlConnector always asks the server for
/// multi-statement batches, so a read-only database checks its queries here instead: no write can hide
/// behind a read, such as <c>SELECT 1; SET SESSION TRANSACTION READ WRITE; …</c>.
/// </summary>
/// <remarks>
/// A semicolon inside a quoted string or name, or a comment, separates nothing; one followed only by
/// blanks and comments ends the single statement. Executable comments (<c>/*! … */</c>, <c>/*M! … */</c>)
/// are code to the server, so a semicolon in one counts. Anything unsure counts as a second statement.
/// </remarks>
internal static class MySqlStatements
{
    public static bool HasSeveral(string sql, MySqlDialect dialect)
    {
        var i = 0;
        var ended = false;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '#' || (c == '-' && At(sql, i, "--") && (i + 2 == sql.Length || char.IsWhiteSpace(sql[i + 2]))))
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end + 1;
                continue;
            }
            if (At(sql, i, "/*") && !At(sql, i, "/*!") && !At(sql, i, "/*M!"))
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
                continue;
            }
            // Past the first statement's semicolon, anything but blanks and comments is a second statement.
            if (ended) return true;
            if (c == ';') { ended = true; i++; continue; }
            i = c is '\'' or '"' or '`' ? AfterQuoted(sql, i, c, dialect.BackslashEscapes && c != '`') : i + 1;
        }
        return false;
    }

    /// <summary>The index after the closing quote; a doubled quote stays inside, as does an escaped one.</summary>
    private static int AfterQuoted(string sql, int start, char quote, bool backslashEscapes)
    {
        for (var i = start + 1; i < sql.Length; i++)
        {
            if (backslashEscapes && sql[i] == '\\') { i++; continue; }
            if (sql[i] != quote) continue;
            if (i + 1 < sql.Length && sql[i + 1] == quote) { i++; continue; }
            return i + 1;
        }
        return sql.Length;
    }

    private static bool At(string sql, int i, string token) => string.CompareOrdinal(sql, i, token, 0, token.Length) == 0;
}

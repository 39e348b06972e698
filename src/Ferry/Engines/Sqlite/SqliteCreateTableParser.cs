using Ferry.Schema;

namespace Ferry.Engines.Sqlite;

/// <summary>
/// Reads the clauses of a CREATE TABLE statement (as stored in <c>sqlite_master.sql</c>) that the
/// PRAGMAs leave out. SQLite stored the text after parsing it, so it is valid SQL; this reader only
/// needs to follow parentheses and a handful of keywords.
/// </summary>
internal static class SqliteCreateTableParser
{
    private static readonly HashSet<string> TableConstraintWords = new(StringComparer.OrdinalIgnoreCase)
        { "CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN" };

    public static SqliteTableDefinition Parse(string sql)
    {
        var definition = new SqliteTableDefinition();
        var tokens = SqlTokenizer.Tokenize(sql);
        var open = tokens.FindIndex(t => t.Kind == TokenKind.Open);
        if (open < 0) return definition; // CREATE TABLE ... AS SELECT: nothing more to learn
        var close = MatchingClose(tokens, open);

        foreach (var part in SplitTopLevel(tokens, open + 1, close))
        {
            if (part.Count == 0) continue;
            if (part[0].Kind == TokenKind.Word && TableConstraintWords.Contains(part[0].Text))
                ReadTableConstraint(sql, part, definition);
            else
                ReadColumn(sql, part, definition);
        }

        for (var i = close + 1; i + 1 < tokens.Count; i++)
            if (tokens[i].Is("WITHOUT") && tokens[i + 1].Is("ROWID")) definition.WithoutRowId = true;
        return definition;
    }

    private static void ReadColumn(string sql, List<SqlToken> part, SqliteTableDefinition definition)
    {
        var clauses = new SqliteColumnClauses();
        definition.Columns[part[0].Name] = clauses;
        string? constraintName = null;
        for (var i = 1; i < part.Count; i++)
        {
            var token = part[i];
            if (token.Is("CONSTRAINT") && i + 1 < part.Count) { constraintName = part[++i].Name; continue; }
            if (token.Is("COLLATE") && i + 1 < part.Count) clauses.Collation = part[++i].Name;
            else if (token.Is("AUTOINCREMENT")) clauses.AutoIncrement = true;
            else if (token.Is("AS") && i + 1 < part.Count && part[i + 1].Kind == TokenKind.Open)
            {
                var end = MatchingClose(part, i + 1);
                clauses.GeneratedExpression = TextBetween(sql, part, i + 1, end);
                clauses.GeneratedStored = end + 1 < part.Count && part[end + 1].Is("STORED");
                i = end;
            }
            else if (token.Is("CHECK") && i + 1 < part.Count && part[i + 1].Kind == TokenKind.Open)
            {
                var end = MatchingClose(part, i + 1);
                definition.Checks.Add(new CheckConstraint(constraintName, TextBetween(sql, part, i + 1, end)));
                i = end;
            }
            else if (token.Is("PRIMARY") && constraintName is not null) definition.PrimaryKeyName = constraintName;
            else if (token.Is("UNIQUE") && constraintName is not null) definition.NamedUniques.Add(new UniqueConstraint(constraintName, [part[0].Name]));
            if (token.Kind == TokenKind.Word && !token.Is("CONSTRAINT")) constraintName = token.Is("NOT") ? constraintName : null;
        }
    }

    private static void ReadTableConstraint(string sql, List<SqlToken> part, SqliteTableDefinition definition)
    {
        var i = 0;
        string? name = null;
        if (part[0].Is("CONSTRAINT") && part.Count > 1) { name = part[1].Name; i = 2; }
        if (i >= part.Count) return;
        var kind = part[i];
        var open = part.FindIndex(i, t => t.Kind == TokenKind.Open);
        if (open < 0) return;
        var close = MatchingClose(part, open);
        if (kind.Is("CHECK"))
            definition.Checks.Add(new CheckConstraint(name, TextBetween(sql, part, open, close)));
        else if (kind.Is("PRIMARY"))
            definition.PrimaryKeyName = name;
        else if (kind.Is("UNIQUE") && name is not null)
            definition.NamedUniques.Add(new UniqueConstraint(name, ColumnNames(part, open, close)));
        if (kind.Is("PRIMARY") && part.Skip(close).Any(t => t.Is("AUTOINCREMENT")))
            foreach (var column in ColumnNames(part, open, close))
                if (definition.Columns.TryGetValue(column, out var clauses)) clauses.AutoIncrement = true;
    }

    /// <summary>The names in a key list such as <c>("a" COLLATE nocase DESC, b)</c>: the first token of each item.</summary>
    private static List<string> ColumnNames(List<SqlToken> tokens, int open, int close) =>
        SplitTopLevel(tokens, open + 1, close).Where(p => p.Count > 0).Select(p => p[0].Name).ToList();

    private static List<List<SqlToken>> SplitTopLevel(List<SqlToken> tokens, int from, int to)
    {
        var parts = new List<List<SqlToken>> { new() };
        var depth = 0;
        for (var i = from; i < to; i++)
        {
            var t = tokens[i];
            if (t.Kind == TokenKind.Open) depth++;
            else if (t.Kind == TokenKind.Close) depth--;
            if (t.Kind == TokenKind.Comma && depth == 0) { parts.Add([]); continue; }
            parts[^1].Add(t);
        }
        return parts;
    }

    private static int MatchingClose(List<SqlToken> tokens, int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == TokenKind.Open) depth++;
            else if (tokens[i].Kind == TokenKind.Close && --depth == 0) return i;
        }
        return tokens.Count - 1;
    }

    /// <summary>The source text strictly inside the parentheses at <paramref name="open"/> and <paramref name="close"/>.</summary>
    private static string TextBetween(string sql, List<SqlToken> tokens, int open, int close)
    {
        var start = tokens[open].Start + 1;
        return sql[start..tokens[close].Start].Trim();
    }
}

/// <summary>Reads the key list and the WHERE clause of a CREATE INDEX statement.</summary>
internal static class SqliteIndexParser
{
    /// <summary>The text inside the key list's parentheses: <c>lower("name"), id</c>.</summary>
    public static string? KeyList(string? sql) =>
        KeyListBounds(sql) is var (tokens, open, close) ? sql![(tokens[open].Start + 1)..tokens[close].Start].Trim() : null;

    /// <summary>What follows the WHERE after the key list, for a partial index.</summary>
    public static string? Predicate(string? sql)
    {
        if (KeyListBounds(sql) is not var (tokens, _, close)) return null;
        var where = tokens.FindIndex(close, t => t.Is("WHERE"));
        return where < 0 || where + 1 >= tokens.Count ? null : sql![tokens[where + 1].Start..].Trim().TrimEnd(';').Trim();
    }

    private static (List<SqlToken> Tokens, int Open, int Close)? KeyListBounds(string? sql)
    {
        if (sql is null) return null;
        var tokens = SqlTokenizer.Tokenize(sql);
        var open = tokens.FindIndex(t => t.Kind == TokenKind.Open);
        if (open < 0) return null;
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == TokenKind.Open) depth++;
            else if (tokens[i].Kind == TokenKind.Close && --depth == 0) return (tokens, open, i);
        }
        return null;
    }
}

using Ferry.Engines;

namespace Ferry.Migrations.Lint;

/// <summary>
/// Reads what a statement does to the schema from its tokens (the dialect's tokenizer, so a word inside a
/// string, a quoted name or a comment is never taken for a keyword): DROP TABLE, CREATE TABLE, CREATE INDEX,
/// and ALTER TABLE's DROP, ADD, ALTER COLUMN, MODIFY, CHANGE and RENAME TO. Anything else changes nothing lint weighs.
/// </summary>
internal static class StatementReader
{
    /// <summary>Words that open a table constraint or index, not a column, after ADD or DROP.</summary>
    private static readonly HashSet<string> NotColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        "CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "INDEX", "KEY", "FULLTEXT", "SPATIAL",
        "PARTITION", "DEFAULT", "SYSTEM", "PERIOD", "EXCLUDE", "TRIGGER",
    };

    /// <summary>Words that end a column's type and begin its constraints.</summary>
    private static readonly HashSet<string> AfterType = new(StringComparer.OrdinalIgnoreCase)
    {
        "NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE", "CHECK", "REFERENCES", "CONSTRAINT", "COLLATE", "GENERATED",
        "AUTO_INCREMENT", "AUTOINCREMENT", "COMMENT", "USING", "FIRST", "AFTER", "CHARACTER", "CHARSET", "AS", "ON", "INVISIBLE", "VISIBLE",
    };

    /// <summary>Words that give a new column its values on existing rows.</summary>
    private static readonly HashSet<string> Fills = new(StringComparer.OrdinalIgnoreCase)
        { "DEFAULT", "GENERATED", "AUTO_INCREMENT", "AUTOINCREMENT", "IDENTITY", "AS" };

    private static readonly HashSet<string> Serials = new(StringComparer.OrdinalIgnoreCase) { "SERIAL", "BIGSERIAL", "SMALLSERIAL", "SERIAL2", "SERIAL4", "SERIAL8" };

    public static IReadOnlyList<SchemaChange> Read(string statement, SqlFlavor flavor)
    {
        var reader = new Cursor(statement, SqlTokenizer.Tokenize(statement, flavor), flavor);
        if (reader.Accept("DROP") && reader.Accept("TABLE")) return DropTables(reader);
        reader.Reset();
        if (reader.Accept("ALTER") && reader.Accept("TABLE")) return AlterTable(reader);
        reader.Reset();
        if (!reader.Accept("CREATE")) return [];
        reader.Accept("OR"); reader.Accept("REPLACE");
        if (reader.Accept("UNIQUE") | reader.Accept("INDEX")) return CreateIndex(reader);
        while (reader.AcceptAny("TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL")) { }
        return reader.Accept("TABLE") ? CreateTable(reader) : [];
    }

    private static IReadOnlyList<SchemaChange> DropTables(Cursor reader)
    {
        reader.IfExists();
        var changes = new List<SchemaChange>();
        do
        {
            if (reader.Table() is not { } table) break;
            changes.Add(new DropTable(table));
        } while (reader.AcceptText(","));
        return changes;
    }

    private static IReadOnlyList<SchemaChange> CreateIndex(Cursor reader)
    {
        var concurrently = false;
        while (!reader.AtEnd && !reader.Is("ON"))
        {
            concurrently |= reader.Is("CONCURRENTLY");
            reader.Skip();
        }
        if (!reader.Accept("ON")) return [];
        reader.Accept("ONLY");
        return reader.Table() is { } table ? [new CreateIndex(table, concurrently)] : [];
    }

    private static IReadOnlyList<SchemaChange> CreateTable(Cursor reader)
    {
        reader.IfNotExists();
        if (reader.Table() is not { } table || !reader.AcceptText("(")) return [];
        var columns = new List<(string, string)>();
        foreach (var (from, to) in reader.Items(reader.Position, reader.CloseOf(reader.Position - 1)))
        {
            var item = reader.At(from);
            if (item.Kind is not (TokenKind.Word or TokenKind.QuotedName) || (item.Kind == TokenKind.Word && NotColumns.Contains(item.Text))) continue;
            columns.Add((reader.NameOf(item), reader.TypeText(from + 1, to)));
        }
        return [new CreateTable(table, columns)];
    }

    private static IReadOnlyList<SchemaChange> AlterTable(Cursor reader)
    {
        reader.IfExists();
        reader.Accept("ONLY");
        if (reader.Table() is not { } table) return [];
        var changes = new List<SchemaChange>();
        foreach (var (from, to) in reader.Items(reader.Position, reader.Count))
        {
            reader.Position = from;
            if (reader.Accept("DROP"))
            {
                var column = reader.Accept("COLUMN");
                if (!column && reader.Peek is { Kind: TokenKind.Word } word && NotColumns.Contains(word.Text)) continue;
                reader.IfExists();
                if (reader.Name() is { } name) changes.Add(new DropColumn(table, name));
            }
            else if (reader.Accept("ADD"))
            {
                var column = reader.Accept("COLUMN");
                if (!column && reader.Peek is { Kind: TokenKind.Word } word && NotColumns.Contains(word.Text)) continue;
                reader.IfNotExists();
                if (reader.Name() is not { } name) continue;
                var type = reader.TypeText(reader.Position, to);
                var fills = Serials.Contains(type) || reader.AnyIn(reader.Position, to, Fills);
                changes.Add(new AddColumn(table, name, type, reader.NotNullIn(reader.Position, to), fills));
            }
            else if (reader.Accept("ALTER"))
            {
                reader.Accept("COLUMN");
                if (reader.Name() is not { } name) continue;
                if (reader.Accept("SET") && reader.Accept("NOT") && reader.Accept("NULL")) changes.Add(new SetNotNull(table, name));
                else if ((reader.Accept("DATA") && reader.Accept("TYPE")) || reader.Accept("TYPE"))
                    changes.Add(new ChangeType(table, name, reader.TypeText(reader.Position, to)));
            }
            else if (reader.AcceptAny("MODIFY", "CHANGE"))
            {
                var change = reader.At(from).Is("CHANGE");
                reader.Accept("COLUMN");
                if (reader.Name() is not { } name || (change && reader.Name() is null)) continue;
                changes.Add(new ChangeType(table, name, reader.TypeText(reader.Position, to)));
                // MySQL's MODIFY restates the whole column: NOT NULL there may be new, and lint weighs it against the column as it is.
                if (reader.NotNullIn(reader.Position, to) && !reader.AnyIn(reader.Position, to, Fills)) changes.Add(new SetNotNull(table, name));
            }
            else if (reader.Accept("RENAME") && reader.AcceptAny("TO", "AS") && reader.Name() is { } newName)
            {
                changes.Add(new RenameTable(table, newName));
            }
        }
        return changes;
    }

    /// <summary>A walk over one statement's tokens.</summary>
    private sealed class Cursor(string sql, List<SqlToken> tokens, SqlFlavor flavor)
    {
        public int Position { get; set; }

        public int Count => tokens.Count;

        public bool AtEnd => Position >= tokens.Count;

        public SqlToken? Peek => AtEnd ? null : tokens[Position];

        public SqlToken At(int index) => tokens[index];

        public void Reset() => Position = 0;

        public void Skip() => Position++;

        public bool Is(string word) => !AtEnd && tokens[Position].Is(word);

        public bool Accept(string word)
        {
            if (!Is(word)) return false;
            Position++;
            return true;
        }

        public bool AcceptAny(params string[] words) => words.Any(Accept);

        public bool AcceptText(string text)
        {
            if (AtEnd || tokens[Position].Text != text) return false;
            Position++;
            return true;
        }

        public void IfExists()
        {
            var at = Position;
            if (!(Accept("IF") && Accept("EXISTS"))) Position = at;
        }

        public void IfNotExists()
        {
            var at = Position;
            if (!(Accept("IF") && Accept("NOT") && Accept("EXISTS"))) Position = at;
        }

        /// <summary>A name as the database stores it: quotes removed; an unquoted PostgreSQL name folded to lower case.</summary>
        public string NameOf(SqlToken token) =>
            token.Kind == TokenKind.Word && flavor == SqlFlavor.Postgres ? token.Text.ToLowerInvariant() : token.Name;

        public string? Name()
        {
            if (Peek is not { Kind: TokenKind.Word or TokenKind.QuotedName } token) return null;
            Position++;
            return NameOf(token);
        }

        /// <summary>name or schema.name.</summary>
        public TableRef? Table()
        {
            if (Name() is not { } first) return null;
            if (!AcceptText(".")) return new TableRef(null, first);
            return Name() is { } second ? new TableRef(first, second) : null;
        }

        /// <summary>The index of the ) that closes the ( at <paramref name="open"/>, or the end.</summary>
        public int CloseOf(int open)
        {
            var depth = 0;
            for (var i = open; i < tokens.Count; i++)
            {
                if (tokens[i].Kind == TokenKind.Open) depth++;
                else if (tokens[i].Kind == TokenKind.Close && --depth == 0) return i;
            }
            return tokens.Count;
        }

        /// <summary>The comma-separated items between <paramref name="from"/> and <paramref name="to"/> (exclusive), commas inside parentheses kept.</summary>
        public IEnumerable<(int From, int To)> Items(int from, int to)
        {
            var depth = 0;
            var start = from;
            for (var i = from; i < to; i++)
            {
                if (tokens[i].Kind == TokenKind.Open) depth++;
                else if (tokens[i].Kind == TokenKind.Close) depth--;
                else if (tokens[i].Kind == TokenKind.Comma && depth == 0)
                {
                    if (i > start) yield return (start, i);
                    start = i + 1;
                }
            }
            if (to > start) yield return (start, to);
        }

        /// <summary>The type as written, from <paramref name="from"/> up to its first constraint word; the cursor moves past it.</summary>
        public string TypeText(int from, int to)
        {
            var depth = 0;
            var end = from;
            while (end < to && (depth > 0 || !(tokens[end].Kind == TokenKind.Word && AfterType.Contains(tokens[end].Text))))
            {
                if (tokens[end].Kind == TokenKind.Open) depth++;
                else if (tokens[end].Kind == TokenKind.Close) depth--;
                end++;
            }
            Position = end;
            return end == from ? "" : sql[tokens[from].Start..(tokens[end - 1].Start + tokens[end - 1].Length)];
        }

        public bool AnyIn(int from, int to, HashSet<string> words) =>
            tokens.Skip(from).Take(to - from).Any(t => t.Kind == TokenKind.Word && words.Contains(t.Text));

        public bool NotNullIn(int from, int to)
        {
            for (var i = from; i + 1 < to; i++)
                if (tokens[i].Is("NOT") && tokens[i + 1].Is("NULL")) return true;
            // A primary key column is NOT NULL whether or not it says so.
            for (var i = from; i + 1 < to; i++)
                if (tokens[i].Is("PRIMARY") && tokens[i + 1].Is("KEY")) return true;
            return false;
        }
    }
}

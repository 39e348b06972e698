namespace Ferry.Engines;

/// <summary>How an engine writes names and values into SQL text. Every identifier Ferry emits goes through <see cref="Quote"/>.</summary>
public interface ISqlDialect
{
    string Quote(string identifier);

    string QuoteLiteral(string value);

    /// <summary>An object's quoted name, qualified by its schema where it has one (PostgreSQL); SQLite and MySQL objects have none.</summary>
    string Name(string? schema, string name) => schema is null ? Quote(name) : $"{Quote(schema)}.{Quote(name)}";
}

/// <summary>The ANSI form, shared by SQLite, libSQL and PostgreSQL: double quotes, doubled inside.</summary>
public sealed class AnsiDialect : ISqlDialect
{
    public static readonly AnsiDialect Instance = new();

    public string Quote(string identifier) => '"' + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + '"';

    public string QuoteLiteral(string value) => '\'' + value.Replace("'", "''", StringComparison.Ordinal) + '\'';
}

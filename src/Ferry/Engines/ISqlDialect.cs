namespace Ferry.Engines;

/// <summary>How an engine writes names and values into SQL text. Every identifier Ferry emits goes through <see cref="Quote"/>.</summary>
public interface ISqlDialect
{
    string Quote(string identifier);

    string QuoteLiteral(string value);
}

/// <summary>The ANSI form, shared by SQLite, libSQL and PostgreSQL: double quotes, doubled inside.</summary>
public sealed class AnsiDialect : ISqlDialect
{
    public static readonly AnsiDialect Instance = new();

    public string Quote(string identifier) => '"' + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + '"';

    public string QuoteLiteral(string value) => '\'' + value.Replace("'", "''", StringComparison.Ordinal) + '\'';
}

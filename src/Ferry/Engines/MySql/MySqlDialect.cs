namespace Ferry.Engines.MySql;

/// <summary>
/// MySQL and MariaDB quoting: identifiers in backticks (always accepted, whatever <c>ANSI_QUOTES</c>
/// says), string literals in single quotes. Unless the session runs with <c>NO_BACKSLASH_ESCAPES</c>
/// the server treats a backslash inside a literal as an escape, so a literal that ends in one would
/// swallow its closing quote; then backslashes are doubled too.
/// </summary>
public sealed class MySqlDialect(bool backslashEscapes) : ISqlDialect
{
    /// <summary>The server default (<c>sql_mode</c> without <c>NO_BACKSLASH_ESCAPES</c>).</summary>
    public static readonly MySqlDialect Default = new(backslashEscapes: true);

    public bool BackslashEscapes => backslashEscapes;

    public string Quote(string identifier) => '`' + identifier.Replace("`", "``", StringComparison.Ordinal) + '`';

    public string QuoteLiteral(string value)
    {
        if (backslashEscapes) value = value.Replace("\\", "\\\\", StringComparison.Ordinal);
        return '\'' + value.Replace("'", "''", StringComparison.Ordinal) + '\'';
    }

    /// <summary>The dialect a session with this <c>sql_mode</c> speaks.</summary>
    public static MySqlDialect ForSqlMode(string? sqlMode) =>
        sqlMode is not null && sqlMode.Split(',').Any(m => m.Trim().Equals("NO_BACKSLASH_ESCAPES", StringComparison.OrdinalIgnoreCase))
            ? new MySqlDialect(backslashEscapes: false)
            : Default;
}

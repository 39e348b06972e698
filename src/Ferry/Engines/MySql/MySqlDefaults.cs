using System.Text.RegularExpressions;

namespace Ferry.Engines.MySql;

/// <summary>
/// Turns <c>information_schema.COLUMNS.COLUMN_DEFAULT</c> into a default expression. The two servers
/// disagree on what that column holds:
/// <list type="bullet">
/// <item>MariaDB 10.2.7+ stores an expression already: string literals quoted (<c>'abc'</c>),
/// functions as called (<c>current_timestamp()</c>), and an explicit or implicit NULL default as the
/// four letters <c>NULL</c>. Ferry keeps the expression as written and reports NULL as no default
/// (a nullable column without a default is filled with NULL either way).</item>
/// <item>MySQL stores the bare value (<c>abc</c>, not quoted), NULL as SQL NULL, and marks
/// expression defaults with <c>DEFAULT_GENERATED</c> in EXTRA. Ferry quotes the literals and
/// parenthesises expressions (MySQL 8 requires <c>DEFAULT (expr)</c>), so both servers yield the same form.</item>
/// </list>
/// </summary>
internal static partial class MySqlDefaults
{
    private static readonly HashSet<string> NumericTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal", "numeric", "float", "double", "real", "year", "bit",
    };

    public static string? Expression(string? columnDefault, string dataType, string extra, bool mariaDb, MySqlDialect dialect)
    {
        if (columnDefault is null) return null;
        if (mariaDb) return columnDefault == "NULL" ? null : columnDefault;

        if (CurrentTimestamp().IsMatch(columnDefault)) return columnDefault;
        if (extra.Contains("DEFAULT_GENERATED", StringComparison.OrdinalIgnoreCase)) return "(" + columnDefault + ")";
        // BIT defaults arrive as b'101' already.
        if (NumericTypes.Contains(dataType)) return columnDefault;
        return dialect.QuoteLiteral(columnDefault);
    }

    [GeneratedRegex(@"^(current_timestamp|now|localtime|localtimestamp)(\(\d*\))?$", RegexOptions.IgnoreCase)]
    private static partial Regex CurrentTimestamp();
}

using System.Globalization;

namespace Ferry.Engines.Postgres;

/// <summary>
/// A converted value as a PostgreSQL literal: what a column default (and, later, a SQL dump) writes. The
/// value is the one the copy would write for a row, so a default means in the target what it meant in the source.
/// </summary>
internal static class PostgresLiterals
{
    private static ISqlDialect D => AnsiDialect.Instance;

    public static string For(object? value) => value switch
    {
        null => "NULL",
        bool b => b ? "true" : "false",
        long or int or short or decimal => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture),
        // PostgreSQL spells the special floats as quoted words.
        double d => D.QuoteLiteral(double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity"),
        byte[] bytes => D.QuoteLiteral("\\x" + Convert.ToHexStringLower(bytes)),
        DateTime { Kind: DateTimeKind.Utc } t => D.QuoteLiteral(t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture) + "+00"),
        DateTime t => D.QuoteLiteral(t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture)),
        DateOnly d => D.QuoteLiteral(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        TimeOnly t => D.QuoteLiteral(t.ToString("HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture)),
        // Microseconds, PostgreSQL's own resolution: no rounding through days and hours.
        TimeSpan s => D.QuoteLiteral(string.Create(CultureInfo.InvariantCulture, $"{s.Ticks / 10} microseconds")),
        _ => D.QuoteLiteral(Convert.ToString(value, CultureInfo.InvariantCulture)!),
    };
}

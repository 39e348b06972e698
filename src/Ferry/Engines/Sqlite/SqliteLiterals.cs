using System.Globalization;

namespace Ferry.Engines.Sqlite;

/// <summary>
/// A converted value as a SQLite literal: what a column default writes, in the storage class the bulk
/// writer would give the same value (booleans 0/1, times as ISO-8601 text).
/// </summary>
internal static class SqliteLiterals
{
    private static ISqlDialect D => AnsiDialect.Instance;

    public static string For(object? value) => SqliteBulkWriter.ToSqlite(value) switch
    {
        DBNull => "NULL",
        // A decimal is written bare, so a NUMERIC column stores it as a number.
        string n when value is decimal => n,
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture),
        // SQLite has no NaN (it stores NULL).
        double d when !double.IsNaN(d) => Infinity(d),
        double => "NULL",
        byte[] bytes => "X'" + Convert.ToHexString(bytes) + "'",
        var other => D.QuoteLiteral(Convert.ToString(other, CultureInfo.InvariantCulture)!),
    };

    /// <summary>SQLite reads a literal too large for a double as infinity: the only way to write one in SQL.</summary>
    public static string Infinity(double d) => d > 0 ? "9e999" : "-9e999";
}

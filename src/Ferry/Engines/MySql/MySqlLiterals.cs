using System.Globalization;

namespace Ferry.Engines.MySql;

/// <summary>
/// A converted value as a MySQL or MariaDB literal for a column of <c>typeName</c>: what a column default
/// writes. Instants arrive as UTC and are written as UTC wall-clock time, as the bulk writer stores them.
/// </summary>
internal static class MySqlLiterals
{
    public static string For(object? value, string typeName) => value switch
    {
        null => "NULL",
        bool b => b ? "1" : "0",
        long or int or short or decimal => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        // Non-finite doubles never reach here: the converter refuses them for MySQL.
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        byte[] bytes => MySqlDefaultText.Constant("X'" + Convert.ToHexString(bytes) + "'", typeName),
        DateTime t => MySqlDefaultText.Literal(t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture), typeName),
        DateOnly d => MySqlDefaultText.Literal(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), typeName),
        TimeOnly t => MySqlDefaultText.Literal(t.ToString("HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture), typeName),
        _ => MySqlDefaultText.Literal(Convert.ToString(value, CultureInfo.InvariantCulture)!, typeName),
    };
}

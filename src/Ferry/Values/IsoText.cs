using System.Globalization;

namespace Ferry.Values;

/// <summary>
/// Dates and times as ISO-8601 text, the form SQLite's own date functions read and write: what a SQLite
/// target stores for a time, and what a text column gets for one. Fractions are written only as far as they go.
/// </summary>
public static class IsoText
{
    /// <summary>The text of a date or time value, or null when <paramref name="value"/> is none.</summary>
    public static string? Format(object value) => value switch
    {
        DateTime { Kind: DateTimeKind.Utc } t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z",
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        _ => null,
    };
}

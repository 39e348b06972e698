using System.Globalization;

namespace Ferry.Migrations;

/// <summary>The two kinds of literal the bookkeeping tables take besides quoted texts.</summary>
internal static class MigrationSql
{
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Now, in UTC, as ISO 8601 text: the same in every engine's column, and sortable as text.</summary>
    public static string UtcNow() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text;

namespace Ferry.Values;

/// <summary>
/// ISO-8601 durations as PostgreSQL's iso_8601 interval style writes them (<c>P1Y2M3DT4H5M6.789S</c>,
/// <c>P-3M</c>, <c>PT0S</c>): months, days and time kept apart, each part with its own sign, so an
/// interval that counts months is written whole where no duration type could hold it.
/// </summary>
public static class IsoDuration
{
    public static string Format(int months, int days, long microseconds)
    {
        var text = new StringBuilder("P");
        void Part(long n, char unit) { if (n != 0) text.Append(n.ToString(CultureInfo.InvariantCulture)).Append(unit); }
        Part(months / 12, 'Y');
        Part(months % 12, 'M');
        Part(days, 'D');
        if (microseconds != 0)
        {
            text.Append('T');
            Part(microseconds / 3_600_000_000, 'H');
            Part(microseconds / 60_000_000 % 60, 'M');
            var seconds = microseconds % 60_000_000;
            if (seconds != 0)
                text.Append((seconds / 1_000_000m).ToString("0.######", CultureInfo.InvariantCulture)).Append('S');
        }
        return text.Length == 1 ? "PT0S" : text.ToString();
    }

    /// <summary>A TimeSpan as the same text: whole days as days, the rest as time.</summary>
    public static string Format(TimeSpan span) => Format(0, span.Days, (span.Ticks - span.Days * TimeSpan.TicksPerDay) / 10);
}

using System.Globalization;
using Ferry.Values;
using MySqlConnector;

namespace Ferry.Engines.MySql;

/// <summary>
/// Reads one field into the engine-neutral value shapes every engine returns: integers as long,
/// reals as double, text as string, blobs as byte[], NULL as null. Beyond those, each exactly as stored:
/// BIGINT UNSIGNED and BIT(64) past long's range as ulong; DECIMAL as decimal, or as its exact text when
/// System.Decimal cannot hold every digit (DECIMAL(65,30) can have 65); DATE/DATETIME/TIMESTAMP as
/// DateTime (TIMESTAMP in UTC, DateTimeKind.Utc), a zero or partial date as the text MySQL shows;
/// TIME as TimeSpan (it spans ±838:59:59).
/// </summary>
internal static class MySqlValues
{
    public static object? Read(MySqlDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal)) return null;
        // GetValue parses DECIMAL into System.Decimal and fails past its range; the text is always there.
        if (reader.GetFieldType(ordinal) == typeof(decimal)) return DecimalFit.ExactOrText(reader.GetMySqlDecimal(ordinal).ToString());
        return reader.GetValue(ordinal) switch
        {
            long l => l,
            int i => (long)i,
            short s => (long)s,
            sbyte b => (long)b,
            byte b => (long)b,
            ushort u => (long)u,
            uint u => (long)u,
            // BIGINT UNSIGNED and BIT(64) reach 2^64-1. Past long's range the ulong itself is carried:
            // a converter can then store it exactly (as a decimal) or refuse it by value, never wrap it.
            ulong u => u <= long.MaxValue ? (object)(long)u : u,
            float f => Widen(f),
            // AllowZeroDateTime makes every date a MySqlDateTime, so '0000-00-00' can be read at all;
            // that one (and partial dates such as '2024-00-00') has no DateTime and stays as MySQL writes it.
            MySqlDateTime d when !d.IsValidDateTime => ZeroDateText(d, reader.GetDataTypeName(ordinal)),
            // The session's time_zone is UTC, so a TIMESTAMP (an instant) arrives in UTC: say so.
            MySqlDateTime d => reader.GetDataTypeName(ordinal).Equals("TIMESTAMP", StringComparison.OrdinalIgnoreCase)
                ? DateTime.SpecifyKind(d.GetDateTime(), DateTimeKind.Utc)
                : d.GetDateTime(),
            var other => other,
        };
    }

    /// <summary>
    /// FLOAT is single precision; widening its bits gives 1.100000023841858 for 1.1. Its shortest
    /// round-trip text is the value the user stored and that any float column will store again.
    /// </summary>
    public static double Widen(float f) => double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>MySQL's own spelling; MySqlDateTime.ToString would use the current culture.</summary>
    private static string ZeroDateText(MySqlDateTime d, string typeName)
    {
        var c = CultureInfo.InvariantCulture;
        var date = string.Create(c, $"{d.Year:0000}-{d.Month:00}-{d.Day:00}");
        if (typeName.Equals("DATE", StringComparison.OrdinalIgnoreCase)) return date;
        var time = string.Create(c, $"{date} {d.Hour:00}:{d.Minute:00}:{d.Second:00}");
        return d.Microsecond == 0 ? time : string.Create(c, $"{time}.{d.Microsecond:000000}");
    }
}

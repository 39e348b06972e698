using System.Globalization;
using MySql.Data.MySqlClient;
using MySql.Data.Types;

namespace Ferry.Engines.MySql;

/// <summary>
/// Reads one field into the engine-neutral value shapes every engine returns: integers as long,
/// reals as double, text as string, blobs as byte[], NULL as null. Beyond those: DECIMAL as decimal
/// (as its exact text when it exceeds System.Decimal's 28 digits, as DECIMAL(65,30) can), DATE/DATETIME/
/// TIMESTAMP as DateTime (TIMESTAMP in UTC, DateTimeKind.Utc), TIME as TimeSpan.
/// </summary>
internal static class MySqlValues
{
    public static object? Read(MySqlDataReader reader, int ordinal)
    {
        // Decimals first, and without IsDBNull: MySql.Data's IsDBNull converts the value to find out,
        // which throws for a DECIMAL wider than System.Decimal.
        if (reader.GetFieldType(ordinal) == typeof(decimal))
        {
            var exact = reader.GetMySqlDecimal(ordinal);
            if (exact.IsNull) return null;
            try
            {
                return exact.Value;
            }
            catch (OverflowException)
            {
                return exact.ToString();
            }
        }
        return reader.GetValue(ordinal) switch
        {
            long l => l,
            int i => (long)i,
            short s => (long)s,
            sbyte b => (long)b,
            byte b => (long)b,
            ushort u => (long)u,
            uint u => (long)u,
            // BIGINT UNSIGNED and BIT(64) reach 2^64-1; past long's range only decimal holds them exactly.
            ulong u => u <= long.MaxValue ? (object)(long)u : (decimal)u,
            // FLOAT is single precision; widening its bits gives 1.100000023841858 for 1.1. Its shortest
            // round-trip text is the value the user stored and that any float column will store again.
            float f => double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            // With OldGuids only BINARY(16) reads as a Guid; ToByteArray gives back the stored bytes.
            Guid g => g.ToByteArray(),
            // AllowZeroDateTime makes every date a MySqlDateTime, so '0000-00-00' can be read at all;
            // that one (and partial dates such as '2024-00-00') has no DateTime and stays as MySQL writes it.
            MySqlDateTime d when !d.IsValidDateTime => ZeroDateText(d, reader.GetDataTypeName(ordinal)),
            // The session's time_zone is UTC, so a TIMESTAMP (an instant) arrives in UTC: say so.
            MySqlDateTime d => reader.GetDataTypeName(ordinal).Equals("TIMESTAMP", StringComparison.OrdinalIgnoreCase)
                ? DateTime.SpecifyKind(d.GetDateTime(), DateTimeKind.Utc)
                : d.GetDateTime(),
            DBNull => null,
            var other => other,
        };
    }

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

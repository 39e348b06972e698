using System.Buffers.Binary;
using System.Globalization;
using Ferry.Schema;
using Ferry.Values;
using Npgsql;

namespace Ferry.Engines.Postgres;

/// <summary>
/// How each column of a table is selected and read so that no value is rounded, clamped or lost on the
/// way: where Npgsql's CLR mapping cannot hold every value (numeric past 28 digits, timestamps of
/// 'infinity' or BC, timetz's offset, intervals with months) the wire bytes are decoded here; where a
/// type has no CLR value that says what it is (arrays, enums, network addresses, bit strings, money)
/// the server writes its own text, which is exact by construction.
/// </summary>
internal static class PostgresValues
{
    /// <summary>How one column is read, decided once per table from its declared type.</summary>
    public enum Reading { Driver, Numeric, Timestamp, TimestampTz, Date, Time, TimeTz, Interval, ServerText }

    // PostgreSQL counts dates and times from 2000-01-01, and spells ±infinity as the extreme integers.
    private static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    private const long MicrosPerDay = 86_400_000_000;
    // The Gregorian calendar repeats every 400 years: dates outside DateTime's years are shifted by whole cycles.
    private const int DaysPer400Years = 146_097;

    public static Reading For(Column column) => column.Type switch
    {
        NeutralType.Decimal => Reading.Numeric,
        NeutralType.Timestamp => Reading.Timestamp,
        NeutralType.TimestampTz => Reading.TimestampTz,
        NeutralType.Date => Reading.Date,
        NeutralType.Time when PostgresTypeMap.BareName(column.DeclaredType) == "time with time zone" => Reading.TimeTz,
        NeutralType.Time => Reading.Time,
        NeutralType.Interval => Reading.Interval,
        NeutralType.Other => Reading.ServerText,
        _ => Reading.Driver,
    };

    /// <summary>
    /// The select-list expression: arrays as JSON (nesting and NULLs kept, numbers as written), money as
    /// its numeric (its text carries the server's currency symbol), other types only PostgreSQL has as their text.
    /// </summary>
    public static string Select(Column column, ISqlDialect dialect)
    {
        var name = dialect.Quote(column.Name);
        if (For(column) != Reading.ServerText) return name;
        if (column.DeclaredType.EndsWith("[]", StringComparison.Ordinal)) return $"to_json({name})::text";
        return PostgresTypeMap.BareName(column.DeclaredType) == "money" ? $"{name}::numeric::text" : $"{name}::text";
    }

    public static object Read(NpgsqlDataReader reader, int ordinal, Reading reading)
    {
        switch (reading)
        {
            case Reading.Driver: return Widened(reader.GetValue(ordinal));
            case Reading.ServerText: return reader.GetString(ordinal);
        }
        var wire = Wire(reader, ordinal);
        return reading switch
        {
            Reading.Numeric => Numeric(PostgresNumeric.ToText(wire)),
            Reading.Timestamp => Instant(BinaryPrimitives.ReadInt64BigEndian(wire), zoned: false),
            Reading.TimestampTz => Instant(BinaryPrimitives.ReadInt64BigEndian(wire), zoned: true),
            Reading.Date => Date(BinaryPrimitives.ReadInt32BigEndian(wire)),
            Reading.Time => Time(BinaryPrimitives.ReadInt64BigEndian(wire)),
            Reading.TimeTz => TimeTz(BinaryPrimitives.ReadInt64BigEndian(wire), BinaryPrimitives.ReadInt32BigEndian(wire.AsSpan(8))),
            _ => Interval(BinaryPrimitives.ReadInt64BigEndian(wire), BinaryPrimitives.ReadInt32BigEndian(wire.AsSpan(8)), BinaryPrimitives.ReadInt32BigEndian(wire.AsSpan(12))),
        };
    }

    /// <summary>As <see cref="IRowSource"/> promises: smallint and integer widened to long, real to double.</summary>
    public static object Widened(object value) => value switch
    {
        short s => (long)s,
        int i => (long)i,
        float f => (double)f,
        _ => value,
    };

    private static byte[] Wire(NpgsqlDataReader reader, int ordinal)
    {
        // The column's stream knows its length: one array of exactly that, no growing buffer and copy per value.
        using var stream = reader.GetStream(ordinal);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>System.Decimal where it holds the number digit for digit (scale included), else the exact text.</summary>
    private static object Numeric(string text)
    {
        if (!DecimalFit.IsPlain(text)) return text;
        var digits = text.Count(char.IsAsciiDigit);
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var scale = point < 0 ? 0 : text.Length - point - 1;
        return digits <= 28 && scale <= 28 && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var m) ? m : text;
    }

    private static object Instant(long micros, bool zoned)
    {
        var kind = zoned ? "timestamp with time zone" : "timestamp";
        if (micros == long.MaxValue) return new ExactText(kind, "infinity");
        if (micros == long.MinValue) return new ExactText(kind, "-infinity");
        // Days rounded down, so a time before 2000 is a day before and a time of day after midnight.
        var days = micros / MicrosPerDay - (micros % MicrosPerDay < 0 ? 1 : 0);
        var time = new TimeOnly((micros - days * MicrosPerDay) * 10);
        var (date, year) = Calendar((int)days);
        if (year is >= 1 and <= 9999) return DateTime.SpecifyKind(date.ToDateTime(time), zoned ? DateTimeKind.Utc : DateTimeKind.Unspecified);
        // As PostgreSQL prints it (a zoned one in UTC): seconds fraction only as far as it goes, BC after the time.
        var text = $"{YearText(year)}-{date:MM-dd} {time.ToString("HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture).TrimEnd('.')}{(zoned ? "+00" : "")}";
        return new ExactText(kind, year <= 0 ? text + " BC" : text);
    }

    private static object Date(int days)
    {
        if (days == int.MaxValue) return new ExactText("date", "infinity");
        if (days == int.MinValue) return new ExactText("date", "-infinity");
        var (date, year) = Calendar(days);
        if (year is >= 1 and <= 9999) return date;
        return new ExactText("date", $"{YearText(year)}-{date:MM-dd}" + (year <= 0 ? " BC" : ""));
    }

    /// <summary>
    /// The day <paramref name="days"/> after 2000-01-01 in the proleptic Gregorian calendar, as a DateOnly
    /// with the same month and day and the astronomical year (0 is 1 BC) it really has.
    /// </summary>
    private static (DateOnly Date, int Year) Calendar(int days)
    {
        var dayNumber = DateOnly.FromDateTime(Epoch).DayNumber + (long)days;
        var cycles = 0L;
        var last = DateOnly.MaxValue.DayNumber;
        // Whole 400-year cycles into DateTime's range (from year 2000 for the years after it), counted back after.
        while (dayNumber < 0) { dayNumber += DaysPer400Years; cycles--; }
        while (dayNumber > last) { dayNumber -= DaysPer400Years; cycles++; }
        var date = DateOnly.FromDayNumber((int)dayNumber);
        return (date, (int)(date.Year + cycles * 400));
    }

    private static string YearText(int year) => (year <= 0 ? 1 - year : year).ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>A TimeOnly, except PostgreSQL's 24:00:00 (the end of the day), which no TimeOnly is: that as its text.</summary>
    private static object Time(long micros) =>
        micros * 10 < TimeSpan.TicksPerDay ? new TimeOnly(micros * 10) : new ExactText("time", Clock(micros));

    /// <summary>PostgreSQL sends the zone as seconds west of UTC; it prints the offset east, minutes and seconds only if any.</summary>
    private static ExactText TimeTz(long micros, int secondsWest)
    {
        var east = -secondsWest;
        var offset = $"{(east < 0 ? '-' : '+')}{Math.Abs(east) / 3600:D2}";
        if (Math.Abs(east) % 3600 != 0) offset += $":{Math.Abs(east) / 60 % 60:D2}";
        if (Math.Abs(east) % 60 != 0) offset += $":{Math.Abs(east) % 60:D2}";
        return new ExactText("time with time zone", Clock(micros) + offset);
    }

    /// <summary>A time of day as PostgreSQL prints it: seconds fraction only as far as it goes, and 24:00:00 for the end of the day.</summary>
    private static string Clock(long micros) =>
        micros * 10 >= TimeSpan.TicksPerDay ? "24:00:00" : new TimeOnly(micros * 10).ToString("HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');

    /// <summary>
    /// A TimeSpan where there are no months and it holds the length (±29,000 years); months make a day count
    /// nothing fixed, and a longer one would overflow its ticks: those as the exact text.
    /// </summary>
    private static object Interval(long micros, int days, int months)
    {
        var ticks = (Int128)days * TimeSpan.TicksPerDay + (Int128)micros * 10;
        return months == 0 && ticks >= long.MinValue && ticks <= long.MaxValue
            ? TimeSpan.FromTicks((long)ticks)
            : new ExactText("interval", IsoDuration.Format(months, days, micros));
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Ferry.Connections;
using Ferry.Schema;

namespace Ferry.Values;

/// <summary>
/// One converter per column, built once from its <see cref="TypeChoice"/> and target engine: turns
/// whatever the source stored into the CLR value the target's bulk writer expects, or refuses it
/// with a reason. Nothing is rounded, truncated or replaced on the way.
/// </summary>
public static class ValueConverters
{
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd HH:mm:ss.FFFFFFFzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzz",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFzzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd",
    ];

    public static Func<object?, object?> For(TypeChoice choice, EngineKind target)
    {
        // The target stores what the source stored: no value is read as anything but itself.
        if (choice.Conversion == ValueConversion.Verbatim) return value => value;
        Func<object, object> convert = choice.Type switch
        {
            NeutralType.Int16 => v => Integer(v, short.MinValue, short.MaxValue),
            NeutralType.Int32 => v => Integer(v, int.MinValue, int.MaxValue),
            NeutralType.Int64 => v => Integer(v, long.MinValue, long.MaxValue),
            NeutralType.Float32 or NeutralType.Float64 => v => Real(v, target),
            NeutralType.Decimal => v => Decimal(v, choice, target),
            NeutralType.Boolean => Boolean,
            NeutralType.Text or NeutralType.Unknown or NeutralType.Other => v => Text(v, target),
            NeutralType.Json => v => Json(v, target),
            NeutralType.Blob => Blob,
            NeutralType.Timestamp => v => Timestamp(v, choice.Conversion, zoned: false),
            NeutralType.TimestampTz => v => Timestamp(v, choice.Conversion, zoned: true),
            NeutralType.Date => Date,
            NeutralType.Time => Time,
            NeutralType.Uuid => Uuid,
            NeutralType.Interval => v => v switch
            {
                TimeSpan => v,
                ExactText { Kind: "interval" } x => throw Refuse($"{Describe(x)} counts months or more than 29,000 years, which the target's fixed-length interval cannot hold"),
                _ => throw Refuse($"{Describe(v)} is not an interval"),
            },
            _ => v => v,
        };
        // Text and JSON pass a source's UTF-8 bytes through; every other conversion reads the text as a string.
        var keepsUtf8 = choice.Type is NeutralType.Text or NeutralType.Unknown or NeutralType.Other or NeutralType.Json;
        return value => value switch
        {
            null => null,
            InvalidText bad => throw Refuse($"the text is not valid UTF-8 (bytes {bad})"),
            Utf8Text text when !keepsUtf8 => convert(text.ToString()),
            _ => convert(value),
        };
    }

    private static object Integer(object v, long min, long max)
    {
        long n = v switch
        {
            long l => l,
            // -0.0 is not the integer 0: its sign would be lost.
            double d when Math.Floor(d) == d && d >= -9.2233720368547758E18 && d < 9.2233720368547758E18 && !(d == 0 && double.IsNegative(d)) => (long)d,
            decimal m when decimal.Truncate(m) == m && m >= long.MinValue && m <= long.MaxValue => (long)m,
            bool b => b ? 1 : 0,
            // MySQL's BIGINT UNSIGNED arrives as ulong only past long's range.
            ulong u => throw Refuse($"the integer {u} does not fit between {min} and {max}"),
            _ => throw Refuse($"{Describe(v)} is not an integer"),
        };
        return n < min || n > max ? throw Refuse($"the integer {n} does not fit between {min} and {max}") : n;
    }

    private static object Real(object v, EngineKind target)
    {
        double d = v switch
        {
            double x => x,
            long l when (long)(double)l == l => l,
            long l => throw Refuse($"the integer {l} has no exact double-precision value"),
            ulong u when new System.Numerics.BigInteger((double)u) == u => u,
            ulong u => throw Refuse($"the integer {u} has no exact double-precision value"),
            decimal m when ExactDouble(m) is { } exact => exact,
            decimal m => throw Refuse($"the decimal {m.ToString(CultureInfo.InvariantCulture)} has no exact double-precision value"),
            _ => throw Refuse($"{Describe(v)} is not a number"),
        };
        if (!double.IsFinite(d) && target == EngineKind.MySql) throw Refuse($"{d.ToString(CultureInfo.InvariantCulture)} cannot be stored by MySQL");
        // SQLite stores NaN as NULL; libSQL's wire is JSON, which has neither NaN nor the infinities.
        if (double.IsNaN(d) && target == EngineKind.Sqlite) throw Refuse("NaN would be stored by SQLite as NULL");
        if (!double.IsFinite(d) && target == EngineKind.Libsql) throw Refuse($"{d.ToString(CultureInfo.InvariantCulture)} cannot be sent to libSQL, whose JSON has no NaN or Infinity");
        // SQLite writes integral reals as integers on disk, which drops the sign of zero; MariaDB's double turns -0 into 0.
        if (d == 0 && double.IsNegative(d) && target is EngineKind.Sqlite or EngineKind.Libsql or EngineKind.MySql)
            throw Refuse($"-0.0 would be stored by {(target == EngineKind.MySql ? "MySQL" : "SQLite")} as 0.0");
        return d;
    }

    /// <summary>The double a decimal converts to, when converting it back gives the same decimal; else null.</summary>
    private static double? ExactDouble(decimal m)
    {
        var d = (double)m;
        try
        {
            return (decimal)d == m ? d : null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static object Decimal(object v, TypeChoice choice, EngineKind target)
    {
        // As System.Decimal where that holds it exactly; else (PostgreSQL's numeric past 28 digits, NaN,
        // Infinity) as its exact text, which decimal.Parse would round.
        var (number, exactText) = v switch
        {
            decimal m => (m, null),
            long l => ((decimal)l, null),
            // Up to 2^64-1, which System.Decimal holds exactly.
            ulong u => ((decimal)u, null),
            // The shortest text that reads back as the same double: 1240.11 stays 1240.11, not 1240.1099853515625.
            // Only if it does read back: 5e-324 would become 0, and -0.0 has no decimal form.
            double d when double.IsFinite(d) && !(d == 0 && double.IsNegative(d))
                && decimal.TryParse(d.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && (double)m == d
                => (m, null),
            string s when DecimalFit.IsPlain(s.Trim()) || DecimalFit.IsSpecial(s) => ((decimal?)null, s.Trim()),
            string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) => (m, (string?)null),
            _ => throw Refuse($"{Describe(v)} is not a decimal number that fits"),
        };
        object carried = number is { } exact ? exact : exactText!;
        // PostgreSQL keeps any numeric: only the targets that check need the digits written out.
        if (target is not (EngineKind.MySql or EngineKind.Sqlite or EngineKind.Libsql)) return carried;
        var text = exactText ?? number!.Value.ToString(CultureInfo.InvariantCulture);
        if (target == EngineKind.MySql)
        {
            if (DecimalFit.IsSpecial(text)) throw Refuse($"the number {text} cannot be stored by MySQL's decimal");
            // As MySqlDdlWriter declares it: the column's own (p,s) where MySQL allows it, else decimal(65,30).
            var (p, s) = choice.Precision is { } cp && cp <= 65 && (choice.Scale ?? 0) <= 30 ? (cp, choice.Scale ?? 0) : (65, 30);
            var (whole, fraction) = DecimalFit.Digits(text);
            return whole > p - s || fraction > s ? throw Refuse($"the number {text} does not fit MySQL's decimal({p},{s})") : carried;
        }
        // NaN and Infinity are not numbers to SQLite's NUMERIC affinity: they stay the texts they are.
        if (DecimalFit.IsSpecial(text)) return text;
        return DecimalFit.SqliteChange(text) is { } real ? throw Refuse($"the number {text} would be stored by SQLite as the real {real}") : carried;
    }

    private static object Boolean(object v) => v switch
    {
        bool b => b,
        long l when l is 0 or 1 => l == 1,
        string s when s.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        string s when s.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        _ => throw Refuse($"{Describe(v)} is not a boolean (0, 1, true or false)"),
    };

    private static object Text(object v, EngineKind target)
    {
        if (v is Utf8Text utf8)
            return target == EngineKind.Postgres && utf8.Bytes.AsSpan().Contains((byte)0) ? throw NulInText() : utf8;
        var s = v switch
        {
            string x => x,
            long l => l.ToString(CultureInfo.InvariantCulture),
            ulong u => u.ToString(CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            decimal m => m.ToString(CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            Guid g => g.ToString(),
            DateTime or DateOnly or TimeOnly or DateTimeOffset => IsoText.Format(v)!,
            TimeSpan t => IsoDuration.Format(t),
            ExactText x => x.Text,
            // PostgreSQL arrays become JSON arrays: the one text form every engine can read back.
            Array a => JsonSerializer.Serialize(a),
            _ => throw Refuse($"{Describe(v)} is not text"),
        };
        if (target == EngineKind.Postgres && s.Contains('\0', StringComparison.Ordinal)) throw NulInText();
        return s;
    }

    private static ValueRefusedException NulInText() => Refuse("the text holds U+0000, which PostgreSQL cannot store");

    private static object Json(object v, EngineKind target)
    {
        var text = Text(v, target);
        try
        {
            using var _ = text is Utf8Text utf8 ? JsonDocument.Parse(utf8.Bytes) : JsonDocument.Parse((string)text);
        }
        catch (JsonException)
        {
            throw Refuse($"{Describe(v)} is not valid JSON");
        }
        return text;
    }

    private static object Blob(object v) => v switch
    {
        byte[] b => b,
        string s => Encoding.UTF8.GetBytes(s),
        _ => throw Refuse($"{Describe(v)} is not bytes"),
    };

    private static object Timestamp(object v, ValueConversion conversion, bool zoned)
    {
        DateTime utcOrWall = (v, conversion) switch
        {
            (long s, ValueConversion.EpochSecondsToTimestamp) => Epoch(() => DateTime.UnixEpoch.AddSeconds(s)),
            (long ms, ValueConversion.EpochMillisecondsToTimestamp) => Epoch(() => DateTime.UnixEpoch.AddMilliseconds(ms)),
            (string s, _) => ParseIso(s, zoned),
            (DateTime t, _) => t,
            (DateTimeOffset t, _) => t.UtcDateTime,
            (DateOnly d, _) => d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified),
            (ExactText x, _) => throw OutsideYears(x),
            _ => throw Refuse($"{Describe(v)} is not a date and time"),
        };
        return zoned
            ? utcOrWall.Kind switch { DateTimeKind.Utc => utcOrWall, DateTimeKind.Local => utcOrWall.ToUniversalTime(), _ => DateTime.SpecifyKind(utcOrWall, DateTimeKind.Utc) }
            : DateTime.SpecifyKind(utcOrWall, DateTimeKind.Unspecified);
    }

    private static DateTime Epoch(Func<DateTime> compute)
    {
        try { return compute(); }
        catch (ArgumentOutOfRangeException) { throw Refuse("the epoch value is outside the years 1 to 9999"); }
    }

    /// <summary>ISO-8601 text; a text without a zone is read as UTC (SQLite's own functions write UTC).</summary>
    private static DateTime ParseIso(string s, bool zoned)
    {
        if (!DateTimeOffset.TryParseExact(s.Trim(), IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            throw Refuse($"the text '{Excerpt(s)}' is not an ISO-8601 date and time");
        return zoned ? parsed.UtcDateTime : parsed.DateTime;
    }

    private static object Date(object v) => v switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        string s when DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d,
        ExactText x => throw OutsideYears(x),
        _ => throw Refuse($"{Describe(v)} is not a date (YYYY-MM-DD)"),
    };

    private static object Time(object v) => v switch
    {
        TimeOnly t => t,
        TimeSpan s when s >= TimeSpan.Zero && s < TimeSpan.FromDays(1) => TimeOnly.FromTimeSpan(s),
        string s when TimeOnly.TryParse(s, CultureInfo.InvariantCulture, out var t) => t,
        ExactText { Kind: "time with time zone" } x => throw Refuse($"{Describe(x)} has a UTC offset, which a time-of-day column would drop"),
        ExactText { Kind: "time" } x => throw Refuse($"{Describe(x)} is the end of the day, which the target's time of day stops before"),
        _ => throw Refuse($"{Describe(v)} is not a time of day"),
    };

    private static object Uuid(object v) => v switch
    {
        Guid g => g,
        string s when Guid.TryParse(s, out var g) => g,
        byte[] { Length: 16 } b => new Guid(b, bigEndian: true),
        _ => throw Refuse($"{Describe(v)} is not a UUID"),
    };

    // The readings the canonical encoding shares, so "equal" parses what the copy parses and nothing else.
    internal static DateTime ToInstant(object v) => (DateTime)Timestamp(Plain(v), ValueConversion.None, zoned: true);

    internal static DateOnly ToDate(object v) => (DateOnly)Date(Plain(v));

    internal static TimeOnly ToTime(object v) => (TimeOnly)Time(Plain(v));

    internal static Guid ToUuid(object v) => (Guid)Uuid(Plain(v));

    internal static object Plain(object v) => v is Utf8Text t ? t.ToString() : v;

    private static ValueRefusedException Refuse(string reason) => new(reason);

    private static ValueRefusedException OutsideYears(ExactText x) => Refuse($"{Describe(x)} is outside the years 1 to 9999 that the target's type holds");

    private static string Describe(object v) => v switch
    {
        string s => $"the text '{Excerpt(s)}'",
        Utf8Text t => $"the text '{Excerpt(t.ToString())}'",
        byte[] b => $"a {b.Length}-byte blob",
        long l => $"the integer {l}",
        ulong u => $"the integer {u}",
        double d => $"the real {d.ToString("R", CultureInfo.InvariantCulture)}",
        ExactText x => $"the {x.Kind} '{x.Text}'",
        _ => $"the {v.GetType().Name} {Convert.ToString(v, CultureInfo.InvariantCulture)}",
    };

    private static string Excerpt(string s) => s.Length <= 40 ? s : s[..40] + "…";
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Ferry.Connections;
using Ferry.Schema;

namespace Ferry.Values;

/// <summary>
/// The readings, stores and inverses of every <see cref="Conversion"/>, by target type: what a source value
/// means, what the target keeps of it (modelled per engine), and how that reads back. A store refuses only
/// what the target cannot take at all (a text that is not a date, NaN for MySQL); whatever it would keep
/// differently — rounded, truncated, without its sign — the round trip in <see cref="Conversion.Apply"/> refuses.
/// </summary>
public static class ValueConverters
{
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd HH:mm:ss.FFFFFFFzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzz",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFzzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd",
    ];

    private static readonly Func<object, object, object> Unchanged = (stored, _) => stored;

    internal static Conversion Build(TypeChoice choice, EngineKind target)
    {
        var where = Conversion.Where(choice, target);
        // PostgreSQL and MySQL keep microseconds; SQLite's ISO text keeps the seven digits .NET has.
        var micro = target is EngineKind.Postgres or EngineKind.MySql;
        (Func<object, object> meaning, Func<object, object> store, Func<object, object, object> inverse) steps = choice.Type switch
        {
            NeutralType.Int16 => IntegerSteps(short.MinValue, short.MaxValue),
            NeutralType.Int32 => IntegerSteps(int.MinValue, int.MaxValue),
            NeutralType.Int64 => IntegerSteps(long.MinValue, long.MaxValue),
            NeutralType.Float32 or NeutralType.Float64 => RealSteps(choice.Type == NeutralType.Float32, target),
            NeutralType.Decimal => (DecimalMeaning, m => DecimalStore(m, choice, target, where), DecimalInverse),
            NeutralType.Boolean => (BooleanMeaning, m => m, Unchanged),
            NeutralType.Text or NeutralType.Unknown or NeutralType.Other => (TextMeaning, m => TextStore(m, choice.Length, target), TextInverse),
            NeutralType.Json => (TextMeaning, m => Json(TextStore(m, null, target)), TextInverse),
            NeutralType.Blob => (BlobMeaning, m => m is string s ? Encoding.UTF8.GetBytes(s) : m, (b, m) => m is string ? Encoding.UTF8.GetString((byte[])b) : b),
            NeutralType.Timestamp or NeutralType.TimestampTz => TimestampSteps(choice.Conversion, choice.Type == NeutralType.TimestampTz, micro),
            NeutralType.Date => (DateMeaning, m => m, Unchanged),
            NeutralType.Time => (TimeMeaning, m => micro && ((TimeOnly)m).Ticks % 10 != 0 ? new TimeOnly(Microseconds(((TimeOnly)m).Ticks)) : m, Unchanged),
            NeutralType.Uuid => (UuidMeaning, m => m, Unchanged),
            NeutralType.Interval => (IntervalMeaning, m => m, Unchanged),
            _ => (m => m, m => m, Unchanged),
        };
        // Text and JSON pass a source's UTF-8 bytes through; every other conversion reads the text as a string.
        var keepsUtf8 = choice.Type is NeutralType.Text or NeutralType.Unknown or NeutralType.Other or NeutralType.Json;
        var meaning = steps.meaning;
        return new Conversion(v => v switch
        {
            InvalidText bad => throw Refuse($"the text is not valid UTF-8 (bytes {bad})"),
            Utf8Text text when !keepsUtf8 => meaning(text.ToString()),
            _ => meaning(v),
        }, steps.store, steps.inverse, where);
    }

    // Integers: a real or decimal is stored as the integer it truncates to, and the round trip refuses any it changed
    // (a fraction, the sign of -0.0). Past 64 bits or the column's range there is no integer to store at all.
    private static (Func<object, object>, Func<object, object>, Func<object, object, object>) IntegerSteps(long min, long max) => (
        v => v switch
        {
            long or double or decimal or bool => v,
            // MySQL's BIGINT UNSIGNED arrives as ulong only past long's range.
            ulong u => throw Refuse($"the integer {u} does not fit between {min} and {max}"),
            _ => throw Refuse($"{Describe(v)} is not an integer"),
        },
        m =>
        {
            var n = m switch
            {
                long l => l,
                double d when d >= -9.2233720368547758E18 && d < 9.2233720368547758E18 => (long)d,
                decimal d when d >= long.MinValue && d <= long.MaxValue => (long)d,
                bool b => b ? 1L : 0L,
                _ => throw Refuse($"{Describe(m)} does not fit between {min} and {max}"),
            };
            if (n < min || n > max) throw Refuse($"the integer {n} does not fit between {min} and {max}");
            return m is long ? m : n;
        },
        (stored, m) => m switch
        {
            double => (double)(long)stored,
            decimal => (decimal)(long)stored,
            bool => (long)stored == 1,
            _ => stored,
        });

    // Reals: a float4 column keeps the nearest float, MySQL keeps no -0.0 and no NaN or infinity, SQLite stores
    // an integral real as an integer on disk (so 0.0 for -0.0) and NaN as NULL, libSQL's JSON wire has no NaN or infinity.
    private static (Func<object, object>, Func<object, object>, Func<object, object, object>) RealSteps(bool float4, EngineKind target) => (
        v => v switch
        {
            double d when float4 => Float4Meaning(d, v),
            double or long or ulong or decimal => v,
            _ => throw Refuse($"{Describe(v)} is not a number"),
        },
        m =>
        {
            var d = m switch { double x => x, long l => l, ulong u => u, _ => (double)(decimal)m };
            if (float4) d = (float)d;
            if (!double.IsFinite(d) && target == EngineKind.MySql) throw Refuse($"{d.ToString(CultureInfo.InvariantCulture)} cannot be stored by MySQL");
            if (double.IsNaN(d) && target == EngineKind.Sqlite) throw Refuse("NaN would be stored by SQLite as NULL");
            if (!double.IsFinite(d) && target == EngineKind.Libsql) throw Refuse($"{d.ToString(CultureInfo.InvariantCulture)} cannot be sent to libSQL, whose JSON has no NaN or Infinity");
            if (d == 0 && target is EngineKind.MySql or EngineKind.Sqlite or EngineKind.Libsql) d = 0.0;
            return m is double same && BitConverter.DoubleToInt64Bits(same) == BitConverter.DoubleToInt64Bits(d) ? m : d;
        },
        (stored, m) =>
        {
            var d = (double)stored;
            return m switch
            {
                long when d >= -9.2233720368547758E18 && d < 9.2233720368547758E18 => (long)d,
                ulong when d >= 0 && d < 1.8446744073709552E19 => (ulong)d,
                decimal when Math.Abs(d) < 7.9e28 => (decimal)d,
                _ => stored,
            };
        });

    /// <summary>
    /// A real meant for a float4 column: the float it names when it is one exactly, or when it is that float's
    /// shortest text (how MySQL's FLOAT is read: 1.1, not 1.100000023841858); else the double it is.
    /// </summary>
    private static object Float4Meaning(double d, object v)
    {
        var f = (float)d;
        if ((double)f == d || !float.IsFinite(f) || Engines.MySql.MySqlValues.Widen(f) != d) return v;
        return (double)f;
    }

    private static object DecimalMeaning(object v) => v switch
    {
        decimal or long or ulong or double => v,
        string s when DecimalFit.IsPlain(s.Trim()) || DecimalFit.IsSpecial(s) => s.Trim(),
        string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) => m,
        _ => throw Refuse($"{Describe(v)} is not a decimal number that fits"),
    };

    /// <summary>
    /// A number as the target's decimal keeps it: PostgreSQL's numeric and MySQL's decimal round to their
    /// scale and have no -0; SQLite's NUMERIC affinity keeps a 64-bit integer or a double.
    /// </summary>
    private static object DecimalStore(object meant, TypeChoice choice, EngineKind target, string where)
    {
        // As System.Decimal where that holds it exactly; else (PostgreSQL's numeric past 28 digits, NaN,
        // Infinity) as its exact text, which decimal.Parse would round.
        var (number, exactText) = meant switch
        {
            decimal m => (m == 0 ? 0m : m, null),
            long l => ((decimal)l, null),
            ulong u => ((decimal)u, null),
            // The shortest text that reads back as the same double: 1240.11 stays 1240.11, not 1240.1099853515625.
            double d when double.IsFinite(d) && decimal.TryParse(d.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) => (m == 0 ? 0m : m, null),
            string s => ((decimal?)null, s),
            _ => throw Refuse($"{Describe(meant)} is not a decimal number that fits"),
        };
        // The meaning's own object where it is what is written, so the round trip is known to be the identity.
        object carried = exactText is not null || meant is decimal given && !(given == 0 && decimal.IsNegative(given)) ? meant : number!.Value;
        var text = exactText ?? number!.Value.ToString(CultureInfo.InvariantCulture);
        if (target is EngineKind.Sqlite or EngineKind.Libsql)
            // NaN and Infinity are not numbers to SQLite's NUMERIC affinity: they stay the texts they are.
            return DecimalFit.IsSpecial(text) ? text : DecimalFit.SqliteChange(text) is { } real ? double.Parse(real, CultureInfo.InvariantCulture) : carried;
        if (DecimalFit.IsSpecial(text))
            return target == EngineKind.MySql ? throw Refuse($"the number {text} cannot be stored by MySQL's decimal") : carried;
        // As the DDL writers declare it: MySQL's decimal(65,30) where the column's own (p,s) is past what it allows.
        var (precision, scale) = target == EngineKind.MySql && !(choice.Precision is { } cp && cp <= 65 && (choice.Scale ?? 0) <= 30) ? (65, 30)
            : choice.Precision is { } p ? (p, choice.Scale ?? 0) : (0, 0);
        if (precision == 0) return carried;
        var rounded = DecimalFit.Rounded(Canonical.NumberText(text), scale);
        if (DecimalFit.Digits(rounded).Whole > precision - scale) throw Refuse($"the number {text} does not fit {where}");
        return rounded == Canonical.NumberText(text) ? carried : decimal.TryParse(rounded, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) ? r : rounded;
    }

    /// <summary>The stored number read back: as the double it was, else as the same number when it is one.</summary>
    private static object DecimalInverse(object stored, object meant) => meant switch
    {
        double => stored switch
        {
            decimal m => (double)m,
            string s => double.Parse(s, CultureInfo.InvariantCulture),
            _ => stored,
        },
        _ => Canonical.NumberText(stored) == Canonical.NumberText(meant) ? meant : stored,
    };

    /// <summary>
    /// 0 and 1, and 'true' and 'false' in any case ('TRUE' is true): the booleans SQLite's own JSON and most ORMs
    /// write. Nothing else is read as one — 'yes', 't', 2 are refused, never guessed.
    /// </summary>
    private static object BooleanMeaning(object v) => v switch
    {
        bool => v,
        long l when l is 0 or 1 => l == 1,
        string s when s.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        string s when s.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        _ => throw Refuse($"{Describe(v)} is not a boolean (0, 1, true or false)"),
    };

    /// <summary>
    /// Texts are themselves, numbers the numbers they are (stored as their text and read back from it); every
    /// other value means its one text: ISO-8601 for times, JSON for arrays.
    /// </summary>
    private static object TextMeaning(object v) => v switch
    {
        string or Utf8Text or long or ulong or double or decimal or bool => v,
        Guid g => g.ToString(),
        DateTime or DateOnly or TimeOnly or DateTimeOffset => IsoText.Format(v)!,
        TimeSpan t => IsoDuration.Format(t),
        ExactText x => x.Text,
        // PostgreSQL arrays become JSON arrays: the one text form every engine can read back.
        Array a => JsonSerializer.Serialize(a),
        _ => throw Refuse($"{Describe(v)} is not text"),
    };

    /// <summary>The text the target keeps: none with U+0000 in PostgreSQL, and a VARCHAR(n) keeps n characters.</summary>
    private static object TextStore(object meant, int? length, EngineKind target)
    {
        object text = meant switch
        {
            long l => l.ToString(CultureInfo.InvariantCulture),
            ulong u => u.ToString(CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            decimal m => m.ToString(CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            _ => meant,
        };
        if (target == EngineKind.Postgres && (text is Utf8Text utf8 ? utf8.Bytes.AsSpan().Contains((byte)0) : ((string)text).Contains('\0', StringComparison.Ordinal)))
            throw Refuse("the text holds U+0000, which PostgreSQL cannot store");
        return length is { } n && CodePoints(text) > n ? FirstCharacters(text.ToString()!, n) : text;
    }

    /// <summary>The number a text holds read back as the number it was; a text is itself.</summary>
    private static object TextInverse(object stored, object meant)
    {
        var s = stored as string;
        var c = CultureInfo.InvariantCulture;
        return meant switch
        {
            long when long.TryParse(s, NumberStyles.AllowLeadingSign, c, out var l) => l,
            ulong when ulong.TryParse(s, NumberStyles.None, c, out var u) => u,
            double when double.TryParse(s, NumberStyles.Float, c, out var d) => d,
            decimal when decimal.TryParse(s, NumberStyles.Float, c, out var m) => m,
            bool => s == "true",
            _ => stored,
        };
    }

    /// <summary>Characters as PostgreSQL and MySQL's utf8mb4 count them: code points, not UTF-16 units.</summary>
    internal static int CodePoints(object text)
    {
        if (text is Utf8Text utf8)
        {
            var count = 0;
            foreach (var b in utf8.Bytes) if ((b & 0xC0) != 0x80) count++;
            return count;
        }
        var s = text.ToString()!;
        var points = s.Length;
        foreach (var ch in s) if (char.IsLowSurrogate(ch)) points--;
        return points;
    }

    private static string FirstCharacters(string s, int n)
    {
        var end = 0;
        for (var i = 0; i < n && end < s.Length; i++) end += char.IsHighSurrogate(s[end]) && end + 1 < s.Length ? 2 : 1;
        return s[..end];
    }

    private static object Json(object text)
    {
        try
        {
            using var _ = text is Utf8Text utf8 ? JsonDocument.Parse(utf8.Bytes) : JsonDocument.Parse((string)text);
        }
        catch (JsonException)
        {
            throw Refuse($"{Describe(text)} is not valid JSON");
        }
        return text;
    }

    private static object BlobMeaning(object v) => v is byte[] or string ? v : throw Refuse($"{Describe(v)} is not bytes");

    // Timestamps: epoch integers are the integers they are, stored as the instant they count and read back as
    // the count; ISO text means the instant it names. PostgreSQL and MySQL keep microseconds.
    private static (Func<object, object>, Func<object, object>, Func<object, object, object>) TimestampSteps(ValueConversion conversion, bool zoned, bool micro) => (
        v => v is long && conversion is ValueConversion.EpochSecondsToTimestamp or ValueConversion.EpochMillisecondsToTimestamp ? v : TimestampMeaning(v, zoned),
        m =>
        {
            var t = m switch
            {
                long s when conversion == ValueConversion.EpochSecondsToTimestamp => Kind(Epoch(() => DateTime.UnixEpoch.AddSeconds(s)), zoned),
                long ms => Kind(Epoch(() => DateTime.UnixEpoch.AddMilliseconds(ms)), zoned),
                _ => (DateTime)m,
            };
            if (micro && t.Ticks % 10 != 0) return new DateTime(Microseconds(t.Ticks), t.Kind);
            return m is DateTime ? m : t;
        },
        (stored, m) =>
        {
            var ticks = ((DateTime)stored - DateTime.UnixEpoch).Ticks;
            var unit = conversion == ValueConversion.EpochSecondsToTimestamp ? TimeSpan.TicksPerSecond : TimeSpan.TicksPerMillisecond;
            return m is long && ticks % unit == 0 ? ticks / unit : stored;
        });

    /// <summary>Ticks as PostgreSQL's and MySQL's times keep them: whole microseconds, the tenth dropped.</summary>
    private static long Microseconds(long ticks) => ticks / 10 * 10;

    private static DateTime TimestampMeaning(object v, bool zoned) => Kind(v switch
    {
        string s => ParseIso(s, zoned),
        DateTime t => t,
        DateTimeOffset t => t.UtcDateTime,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified),
        ExactText x => throw OutsideYears(x),
        _ => throw Refuse($"{Describe(v)} is not a date and time"),
    }, zoned);

    /// <summary>An instant in UTC; a wall-clock time without a kind.</summary>
    private static DateTime Kind(DateTime t, bool zoned) => zoned
        ? t.Kind switch { DateTimeKind.Utc => t, DateTimeKind.Local => t.ToUniversalTime(), _ => DateTime.SpecifyKind(t, DateTimeKind.Utc) }
        : DateTime.SpecifyKind(t, DateTimeKind.Unspecified);

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

    private static object DateMeaning(object v) => v switch
    {
        DateOnly => v,
        DateTime t => DateOnly.FromDateTime(t),
        string s when DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d,
        ExactText x => throw OutsideYears(x),
        _ => throw Refuse($"{Describe(v)} is not a date (YYYY-MM-DD)"),
    };

    private static object TimeMeaning(object v) => v switch
    {
        TimeOnly => v,
        TimeSpan s when s >= TimeSpan.Zero && s < TimeSpan.FromDays(1) => TimeOnly.FromTimeSpan(s),
        string s when TimeOnly.TryParse(s, CultureInfo.InvariantCulture, out var t) => t,
        ExactText { Kind: "time with time zone" } x => throw Refuse($"{Describe(x)} has a UTC offset, which a time-of-day column would drop"),
        ExactText { Kind: "time" } x => throw Refuse($"{Describe(x)} is the end of the day, which the target's time of day stops before"),
        _ => throw Refuse($"{Describe(v)} is not a time of day"),
    };

    private static object UuidMeaning(object v) => v switch
    {
        Guid => v,
        string s when Guid.TryParse(s, out var g) => g,
        byte[] { Length: 16 } b => new Guid(b, bigEndian: true),
        _ => throw Refuse($"{Describe(v)} is not a UUID"),
    };

    private static object IntervalMeaning(object v) => v switch
    {
        TimeSpan => v,
        ExactText { Kind: "interval" } x => throw Refuse($"{Describe(x)} counts months or more than 29,000 years, which the target's fixed-length interval cannot hold"),
        _ => throw Refuse($"{Describe(v)} is not an interval"),
    };

    // The readings the canonical encoding shares, so "equal" parses what the copy parses and nothing else.
    internal static DateTime ToInstant(object v) => TimestampMeaning(Plain(v), zoned: true);

    internal static DateOnly ToDate(object v) => (DateOnly)DateMeaning(Plain(v));

    internal static TimeOnly ToTime(object v) => (TimeOnly)TimeMeaning(Plain(v));

    internal static Guid ToUuid(object v) => (Guid)UuidMeaning(Plain(v));

    internal static bool ToBoolean(object v) => (bool)BooleanMeaning(Plain(v));

    internal static object Plain(object v) => v is Utf8Text t ? t.ToString() : v;

    private static ValueRefusedException Refuse(string reason) => new(reason);

    private static ValueRefusedException OutsideYears(ExactText x) => Refuse($"{Describe(x)} is outside the years 1 to 9999 that the target's type holds");

    internal static string Describe(object v) => v switch
    {
        string s => $"the text '{Excerpt(s)}'",
        Utf8Text t => $"the text '{Excerpt(t.ToString())}'",
        byte[] b => $"a {b.Length}-byte blob",
        long l => $"the integer {l}",
        ulong u => $"the integer {u}",
        // A zero keeps its point, so -0.0 and 0.0 read as the two values they are.
        double d => $"the real {(d == 0 ? (double.IsNegative(d) ? "-0.0" : "0.0") : d.ToString("R", CultureInfo.InvariantCulture))}",
        decimal m => $"the number {m.ToString(CultureInfo.InvariantCulture)}",
        ExactText x => $"the {x.Kind} '{x.Text}'",
        _ => $"the {v.GetType().Name} {Convert.ToString(v, CultureInfo.InvariantCulture)}",
    };

    private static string Excerpt(string s) => s.Length <= 40 ? s : s[..40] + "…";
}

using System.Globalization;
using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Copy;

/// <summary>
/// Chooses each column's target type. A server engine enforces its declared types, so they are
/// taken as they are. A SQLite column's declared type is a hint: the profile of what is stored
/// decides, and the evidence says why. Values the choice cannot hold are counted, to be refused
/// row by row with table, key and column.
/// </summary>
public static class TypeChooser
{
    // Epoch values below this many are seconds (until year 5138); below the next, milliseconds.
    private const long SecondsLimit = 100_000_000_000L;
    private const long MillisecondsLimit = 100_000_000_000_000L;
    // And at least this many (1973-03-03 as seconds, as milliseconds): a column of 0 and 2024 holds years or
    // flags, not instants of the first hours of 1970, and is kept as the integers it holds.
    private const long SecondsFloor = 100_000_000L;
    private const long MillisecondsFloor = 100_000_000_000L;

    public static TypeChoice Declared(Column column) => new()
    {
        Type = column.Type,
        Length = column.Length,
        Precision = column.Precision,
        Scale = column.Scale,
        Evidence = $"declared {column.DeclaredType}",
    };

    /// <summary>
    /// SQLite to SQLite or libSQL, PostgreSQL to PostgreSQL: the declaration is kept as written, and the
    /// target stores every value as the source did. Nothing to profile, nothing to refuse.
    /// </summary>
    public static TypeChoice Verbatim(Column column) => Declared(column) with
    {
        Conversion = ValueConversion.Verbatim,
        Evidence = $"declared {column.DeclaredType}; same storage model: carried as stored",
    };

    public static TypeChoice ForSqlite(Column column, ColumnProfile p)
    {
        if (column.Identity is Identity.RowId or Identity.AutoIncrement)
            return new TypeChoice { Type = NeutralType.Int64, Evidence = "rowid key: 64-bit integers" };
        if (!p.Measured)
            return new TypeChoice
            {
                Type = column.Type,
                Conversion = column.Type == NeutralType.Blob ? ValueConversion.TextToBytes : ValueConversion.NumberToText,
                Evidence = $"declared {column.DeclaredType}: {(column.Type == NeutralType.Blob ? "bytes" : "text")} whatever is stored; each value is checked as it is copied",
            };

        return column.Type switch
        {
            NeutralType.Boolean => Boolean(column, p),
            NeutralType.Timestamp or NeutralType.TimestampTz or NeutralType.Date => Temporal(column, p),
            NeutralType.Int16 or NeutralType.Int32 or NeutralType.Int64 => Integer(column, p),
            NeutralType.Float32 or NeutralType.Float64 => Real(column, p),
            NeutralType.Decimal => Numeric(column, p),
            NeutralType.Text => Text(column, p),
            NeutralType.Json => Json(column, p),
            NeutralType.Blob => Blob(column, p),
            _ => ByData(column, p),
        };
    }

    private static TypeChoice Boolean(Column column, ColumnProfile p)
    {
        if (p.ZeroOrOneIntegers + p.BooleanTexts == p.NonNull)
            return new TypeChoice { Type = NeutralType.Boolean, Conversion = ValueConversion.ToBoolean, Evidence = $"declared {column.DeclaredType}; {Count(p.ZeroOrOneIntegers)} 0/1 integers, {Count(p.BooleanTexts)} 'true'/'false' texts" };
        var fallback = ByData(column, p);
        return fallback with { Evidence = $"declared {column.DeclaredType} but holds values other than 0/1 and true/false; {fallback.Evidence}" };
    }

    private static TypeChoice Temporal(Column column, ColumnProfile p)
    {
        var declared = $"declared {column.DeclaredType}";
        if (p.NonNull == 0)
            return new TypeChoice { Type = column.Type, Conversion = ValueConversion.IsoTextToTimestamp, Evidence = declared + "; no values" };
        if (p.Integers == p.NonNull)
        {
            var (smallest, largest) = (p.MinInteger ?? 0, p.MaxInteger ?? 0);
            if (smallest >= SecondsFloor && largest < SecondsLimit)
                return new TypeChoice { Type = NeutralType.TimestampTz, Conversion = ValueConversion.EpochSecondsToTimestamp, Evidence = $"{declared}; {Count(p.Integers)} integers from {smallest} to {largest}: epoch seconds" };
            if (smallest >= MillisecondsFloor && largest < MillisecondsLimit)
                return new TypeChoice { Type = NeutralType.TimestampTz, Conversion = ValueConversion.EpochMillisecondsToTimestamp, Evidence = $"{declared}; {Count(p.Integers)} integers from {smallest} to {largest}: epoch milliseconds" };
            var integers = ByData(column, p);
            return integers with { Evidence = $"{declared} but holds {Count(p.Integers)} integers from {smallest} to {largest}, not all epoch seconds or milliseconds after 1973; {integers.Evidence}" };
        }
        if (p.DateTexts == p.NonNull && column.Type == NeutralType.Date)
            return new TypeChoice { Type = NeutralType.Date, Conversion = ValueConversion.IsoTextToDate, Evidence = $"{declared}; {Count(p.DateTexts)} YYYY-MM-DD texts" };
        if (p.IsoTexts + p.DateTexts == p.NonNull)
        {
            // A zone on any value means the instants matter: timestamptz, with zone-less values read as UTC.
            var zoned = p.IsoTextsWithZone > 0 || column.Type == NeutralType.TimestampTz;
            return new TypeChoice
            {
                Type = zoned ? NeutralType.TimestampTz : NeutralType.Timestamp,
                Conversion = ValueConversion.IsoTextToTimestamp,
                Evidence = $"{declared}; {Count(p.IsoTexts + p.DateTexts)} ISO-8601 texts, {Count(p.IsoTextsWithZone)} with a zone" + (zoned && p.IsoTextsWithZone < p.IsoTexts ? " (those without are read as UTC)" : ""),
            };
        }
        var fallback = ByData(column, p);
        return fallback with { Evidence = $"{declared} but holds {Mix(p)}, not all dates; {fallback.Evidence}" };
    }

    private static TypeChoice Integer(Column column, ColumnProfile p)
    {
        var declared = $"declared {column.DeclaredType}";
        if (p.Reals > 0 && p.Texts + p.Blobs == 0)
            return new TypeChoice { Type = NeutralType.Float64, Evidence = $"{declared} but holds {Count(p.Reals)} non-integer reals: double precision" };
        return new TypeChoice
        {
            Type = NeutralType.Int64,
            Evidence = $"{declared}; {Mix(p)}" + (p.NonNull > 0 ? $", from {p.MinInteger} to {p.MaxInteger}" : ""),
            RowsToRefuse = p.Texts + p.Blobs + p.Reals,
        };
    }

    private static TypeChoice Real(Column column, ColumnProfile p) => new()
    {
        Type = NeutralType.Float64,
        Evidence = $"declared {column.DeclaredType}; {Mix(p)}" + (p.Infinities > 0 ? $", {Count(p.Infinities)} infinite" : ""),
        RowsToRefuse = p.Texts + p.Blobs,
    };

    private static TypeChoice Numeric(Column column, ColumnProfile p)
    {
        var declared = $"declared {column.DeclaredType}";
        if (p.Integers == p.NonNull && column.Precision is null)
            return new TypeChoice { Type = NeutralType.Int64, Evidence = $"{declared}; {Mix(p)}: 64-bit integers" };
        if (p.Texts + p.Blobs == 0 && p.DecimalMisfits > 0)
            return new TypeChoice { Type = NeutralType.Decimal, Evidence = $"{declared}; {Mix(p)}, {Count(p.DecimalMisfits)} of them do not fit ({column.Precision},{column.Scale}): unconstrained numeric" };
        if (p.Texts + p.Blobs == 0)
            return new TypeChoice { Type = NeutralType.Decimal, Precision = column.Precision, Scale = column.Scale, Evidence = $"{declared}; {Mix(p)}, all fit" };
        return ByData(column, p) with { Evidence = $"{declared} but holds {Mix(p)}: not all numbers" };
    }

    private static TypeChoice Text(Column column, ColumnProfile p)
    {
        var declared = $"declared {column.DeclaredType}";
        var fits = column.Length is null || (p.MaxTextLength ?? 0) <= column.Length;
        return new TypeChoice
        {
            Type = NeutralType.Text,
            Length = fits ? column.Length : null,
            Conversion = p.Integers + p.Reals > 0 ? ValueConversion.NumberToText : ValueConversion.None,
            Evidence = $"{declared}; {Mix(p)}" + (p.MaxTextLength is { } longest ? $", longest {longest} characters" : "")
                       + (fits ? "" : $": longer than {column.Length}, so unbounded text"),
            RowsToRefuse = p.Blobs,
        };
    }

    private static TypeChoice Json(Column column, ColumnProfile p)
    {
        if (p.JsonTexts == p.NonNull)
            return new TypeChoice { Type = NeutralType.Json, Evidence = $"declared {column.DeclaredType}; {Count(p.JsonTexts)} valid JSON texts" };
        return Text(column, p) with { Evidence = $"declared {column.DeclaredType} but {Count(p.NonNull - p.JsonTexts)} values are not JSON objects or arrays: text" };
    }

    private static TypeChoice Blob(Column column, ColumnProfile p) => new()
    {
        Type = NeutralType.Blob,
        Conversion = p.Texts > 0 ? ValueConversion.TextToBytes : ValueConversion.None,
        Evidence = $"declared {column.DeclaredType}; {Mix(p)}" + (p.Texts > 0 ? ": texts kept as their UTF-8 bytes" : ""),
        RowsToRefuse = p.Integers + p.Reals,
    };

    /// <summary>
    /// What holds a column's values when the conversion the chooser picked from them would refuse some
    /// (<see cref="RoundTripCensus"/>): the type without its length or precision, or the storage classes' own
    /// type; null when the choice was not picked from the data, so there is nothing to fall back from.
    /// </summary>
    public static TypeChoice? Without(Column column, ColumnProfile p, TypeChoice chosen)
    {
        if (chosen.Length is not null) return chosen with { Length = null, Evidence = "unbounded text" };
        if (chosen.Type == NeutralType.Decimal && chosen.Precision is not null) return chosen with { Precision = null, Scale = null, Evidence = "unconstrained numeric" };
        return chosen.Conversion is ValueConversion.EpochSecondsToTimestamp or ValueConversion.EpochMillisecondsToTimestamp
            or ValueConversion.IsoTextToTimestamp or ValueConversion.IsoTextToDate or ValueConversion.ToBoolean
            ? ByData(column, p)
            : null;
    }

    /// <summary>No usable declaration: the stored storage classes decide.</summary>
    private static TypeChoice ByData(Column column, ColumnProfile p)
    {
        var what = $"{Mix(p)}";
        if (p.NonNull == 0) return new TypeChoice { Type = NeutralType.Text, Evidence = $"declared '{column.DeclaredType}' and empty: text" };
        if (p.Integers == p.NonNull) return new TypeChoice { Type = NeutralType.Int64, Evidence = what + ": 64-bit integers" };
        if (p.Integers + p.Reals == p.NonNull) return new TypeChoice { Type = NeutralType.Float64, Evidence = what + ": double precision" };
        if (p.Blobs == p.NonNull) return new TypeChoice { Type = NeutralType.Blob, Evidence = what + ": bytes" };
        return new TypeChoice
        {
            Type = NeutralType.Text,
            Conversion = p.Integers + p.Reals > 0 ? ValueConversion.NumberToText : ValueConversion.None,
            Evidence = what + ": text" + (p.Integers + p.Reals > 0 ? ", numbers written as text" : ""),
            RowsToRefuse = p.Blobs,
        };
    }

    /// <summary>"3 integers, 2 texts, 1 null" — the storage classes present.</summary>
    private static string Mix(ColumnProfile p)
    {
        var parts = new List<string>();
        void Add(long n, string singular) { if (n > 0) parts.Add($"{Count(n)} {singular}{(n == 1 ? "" : "s")}"); }
        Add(p.Integers, "integer");
        Add(p.Reals, "real");
        Add(p.Texts, "text");
        Add(p.Blobs, "blob");
        Add(p.Nulls, "null");
        return parts.Count == 0 ? "no rows" : string.Join(", ", parts);
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}

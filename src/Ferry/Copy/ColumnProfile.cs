namespace Ferry.Copy;

/// <summary>
/// What a column actually holds, counted over every row. SQLite's declared types are hints it does
/// not enforce, so the copy chooses target types from this evidence, and prints it in --dry-run.
/// </summary>
public sealed record ColumnProfile
{
    public required string Column { get; init; }
    /// <summary>False where the choice cannot depend on the values (text without a length, blobs, the rowid): only NULLs of key columns are counted.</summary>
    public bool Measured { get; init; } = true;
    public long Rows { get; init; }
    public long Nulls { get; init; }
    public long Integers { get; init; }
    public long Reals { get; init; }
    public long Texts { get; init; }
    public long Blobs { get; init; }
    public long? MinInteger { get; init; }
    public long? MaxInteger { get; init; }
    /// <summary>Longest text in characters (measured only for a declared length, to see whether it holds).</summary>
    public long? MaxTextLength { get; init; }
    /// <summary>Reals that are ±Infinity (SQLite stores NaN as NULL).</summary>
    public long Infinities { get; init; }
    /// <summary>Texts that are valid JSON objects or arrays (counted only where JSON is plausible).</summary>
    public long JsonTexts { get; init; }
    /// <summary>Texts shaped like ISO-8601 date-times, and how many of those carry a zone (Z or ±hh:mm).</summary>
    public long IsoTexts { get; init; }
    public long IsoTextsWithZone { get; init; }
    /// <summary>Texts shaped like a date alone (YYYY-MM-DD).</summary>
    public long DateTexts { get; init; }
    /// <summary>Texts 'true' or 'false' in any case, and integers that are 0 or 1.</summary>
    public long BooleanTexts { get; init; }
    public long ZeroOrOneIntegers { get; init; }
    /// <summary>Numbers that do not fit the column's declared DECIMAL(p,s).</summary>
    public long DecimalMisfits { get; init; }

    public long NonNull => Rows - Nulls;

    /// <summary>Only one storage class besides NULL (or none at all).</summary>
    public bool Only(long storageClassCount) => storageClassCount == NonNull;
}

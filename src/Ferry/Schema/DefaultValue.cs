namespace Ferry.Schema;

public enum DefaultKind
{
    None,
    /// <summary>A constant: <see cref="DefaultValue.Text"/> holds its value (not its SQL spelling).</summary>
    String,
    Number,
    Boolean,
    /// <summary>The current instant (CURRENT_TIMESTAMP, now(), datetime('now')). SQLite's is UTC text.</summary>
    CurrentTimestamp,
    CurrentDate,
    CurrentTime,
    /// <summary>The current instant as integer seconds or milliseconds since 1970 (strftime('%s','now'), unixepoch()).</summary>
    EpochSeconds,
    EpochMilliseconds,
    /// <summary>A fresh random identifier (gen_random_uuid(), lower(hex(randomblob(16))), uuid()).</summary>
    RandomId,
    /// <summary>Filled by a sequence: the column is an identity; the default is not carried as an expression.</summary>
    Sequence,
    /// <summary>Something else: kept only where source and target speak the same dialect.</summary>
    Expression,
}

/// <summary>
/// A column default understood, not just copied: <c>CURRENT_TIMESTAMP</c> means different things in
/// SQLite (UTC text) and PostgreSQL (an instant), so each DDL writer renders the meaning in its dialect.
/// </summary>
public sealed record DefaultValue(DefaultKind Kind, string? Text = null)
{
    public static readonly DefaultValue None = new(DefaultKind.None);
}

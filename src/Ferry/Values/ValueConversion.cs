namespace Ferry.Values;

/// <summary>
/// How each value of a column is turned into the target's type. Chosen once per column from the
/// profile; applied to every row without deciding again.
/// </summary>
public enum ValueConversion
{
    /// <summary>Values pass as they are (after the storage-class checks every column gets).</summary>
    None,
    /// <summary>0/1 integers and 'true'/'false' texts become booleans.</summary>
    ToBoolean,
    /// <summary>Integers counting seconds since 1970-01-01 UTC.</summary>
    EpochSecondsToTimestamp,
    /// <summary>Integers counting milliseconds since 1970-01-01 UTC.</summary>
    EpochMillisecondsToTimestamp,
    /// <summary>ISO-8601 text; without a zone it is read as UTC.</summary>
    IsoTextToTimestamp,
    /// <summary>YYYY-MM-DD text.</summary>
    IsoTextToDate,
    /// <summary>Numbers held in a text column become their text.</summary>
    NumberToText,
    /// <summary>Texts held in a blob column become their UTF-8 bytes.</summary>
    TextToBytes,
    /// <summary>
    /// Between engines of SQLite's storage model (SQLite and libSQL): each value keeps its storage class
    /// and its bytes, whatever the column declares, as the target stores whatever it is given. PostgreSQL
    /// to PostgreSQL: the target column has the source's type, and rows go as the server's binary COPY bytes.
    /// </summary>
    Verbatim,
}

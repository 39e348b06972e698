namespace Ferry.Schema;

/// <summary>
/// The engine-neutral type of a column: what its values are, whatever each engine calls it. Every
/// engine maps its declared types onto this lattice when reading a schema, and back when writing one.
/// </summary>
public enum NeutralType
{
    /// <summary>Declared as nothing a mapping recognises (SQLite allows any name, or none).</summary>
    Unknown,
    Boolean,
    Int16,
    Int32,
    Int64,
    Decimal,
    Float32,
    Float64,
    Text,
    Blob,
    Date,
    Time,
    Timestamp,
    TimestampTz,
    Interval,
    Json,
    Uuid,
    /// <summary>A type only its engine has (PostgreSQL arrays, ranges, geometry; MySQL sets, enums).</summary>
    Other,
}

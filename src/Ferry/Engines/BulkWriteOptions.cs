namespace Ferry.Engines;

/// <summary>How a bulk write treats rows whose key exists, and how many rows it sends at once.</summary>
public sealed record BulkWriteOptions
{
    public static BulkWriteOptions Default { get; } = new();

    public OnConflict OnConflict { get; init; } = OnConflict.Fail;

    /// <summary>
    /// Rows per request where the engine sends them in parts (a libSQL batch, a MySQL LOAD DATA file);
    /// null for the engine's own default. PostgreSQL and SQLite load a table in one statement stream.
    /// </summary>
    public int? BatchSize { get; init; }

    /// <summary>
    /// The rows are as a source read them with <see cref="RowReadOptions.Verbatim"/> for a target of the
    /// same storage model, which writes them back by its own exact rules (MySQL: from the bytes of their text).
    /// </summary>
    public bool Verbatim { get; init; }
}

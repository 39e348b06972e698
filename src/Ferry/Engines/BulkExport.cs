namespace Ferry.Engines;

/// <summary>
/// A table's rows written in an engine's own bulk format (<see cref="IRowSource.ExportBulkAsync"/>): the format's
/// name, which <see cref="IRowSink.ImportBulkAsync"/> is given back with the bytes, and the rows written.
/// </summary>
public sealed record BulkExport(string Format, long Rows);

using Ferry.Engines.Postgres;

namespace Ferry.Engines;

/// <summary>
/// The bulk formats engines write rows in (<see cref="IRowSource.ExportBulkAsync"/>), each with how its rows are
/// counted in its bytes: what lets an archive's rows be counted without a database of that engine.
/// </summary>
public static class BulkFormats
{
    /// <summary>Rows that end in <paramref name="bytes"/>, a piece of a stream read in order.</summary>
    public delegate long RowsIn(ReadOnlySpan<byte> bytes);

    /// <summary>The row count of <paramref name="format"/>; null for a format no engine here writes.</summary>
    public static RowsIn? Counter(string format) => format switch
    {
        PostgresVerbatimCopy.Text => PostgresVerbatimCopy.TextRowsIn,
        _ => null,
    };
}

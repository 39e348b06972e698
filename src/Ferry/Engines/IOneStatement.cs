namespace Ferry.Engines;

/// <summary>
/// Runs exactly one statement of a user's SQL, as <c>ferry query</c> and the library's read-only query need it.
/// On a session opened <see cref="AccessMode.ReadOnly"/> the database itself keeps it from writing (a read-only
/// transaction that always ends in ROLLBACK, a read-only file) and a second statement after a <c>;</c> is refused
/// by the driver or the protocol, never by Ferry reading the text.
/// </summary>
public interface IOneStatement
{
    /// <param name="timeout">How long the server may run it before it stops it itself; null for no limit.</param>
    Task<StatementRows> RunOneAsync(string sql, TimeSpan? timeout, CancellationToken cancellationToken);

    /// <summary>
    /// What the connecting user may do beyond reading that a read-only transaction does not stop
    /// (PostgreSQL's superuser with <c>COPY … TO PROGRAM</c>, MySQL's FILE with <c>INTO OUTFILE</c>), in a few
    /// words, or null when it has none such.
    /// </summary>
    Task<string?> PowersBeyondReadingAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

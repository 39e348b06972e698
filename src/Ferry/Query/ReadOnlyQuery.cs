using System.Globalization;
using Ferry.Connections;
using Ferry.Engines;
using Ferry.Errors;

namespace Ferry.Query;

/// <summary>
/// Runs one statement of anyone's SQL against a database that the database itself keeps from writing: an
/// application's query endpoint can pass user text here. Nothing looks at the text: PostgreSQL runs it in
/// <c>BEGIN READ ONLY</c>, MySQL/MariaDB in <c>START TRANSACTION READ ONLY</c> on a read-only session, SQLite on a
/// <c>Mode=ReadOnly</c> connection, libSQL in a transaction that always ends in ROLLBACK after its describe says the
/// statement does not write; every read-only transaction ends in ROLLBACK, and a second statement after a <c>;</c> is
/// refused by the driver or the protocol, so no statement can end the transaction and write after it.
/// </summary>
/// <remarks>
/// What a read-only transaction does not stop is the user's power outside the database's tables: a PostgreSQL
/// superuser's <c>COPY … TO PROGRAM</c> and <c>pg_read_file</c>, MySQL's FILE privilege with <c>SELECT … INTO OUTFILE</c>.
/// <see cref="QueryOptions.Warn"/> is told when the user has such power; <c>ferry grant readonly</c> makes one without it.
/// </remarks>
public static class ReadOnlyQuery
{
    public static async Task<QueryResult> RunAsync(ConnectionTarget target, string sql, QueryOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(sql)) throw new FerryException(FerryErrorKind.Usage, "The query is empty.");
        if (options.MaxRows is < 0) throw new FerryException(FerryErrorKind.Usage, "The row limit must be 0 or more.");
        if (options.Timeout is { } t && t <= TimeSpan.Zero) throw new FerryException(FerryErrorKind.Usage, "The timeout must be longer than zero.");

        var access = options.Write ? AccessMode.ReadWrite : AccessMode.ReadOnly;
        var database = await Databases.OpenAsync(target, new OpenOptions { Access = access, RetryFor = options.RetryFor }, cancellationToken).ConfigureAwait(false);
        // Ferry's own timer, a little after the server's: should a server's limit not apply (MySQL's max_execution_time
        // stops only SELECTs), Ferry cancels the statement itself. It governs the rows too, as they are read later.
        var backstop = new CancellationTokenSource();
        if (options.Timeout is { } limit) backstop.CancelAfter(limit + BackstopGrace);
        var governed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, backstop.Token);
        try
        {
            var runner = (IOneStatement)database;
            var powers = options.Write ? null : await runner.PowersBeyondReadingAsync(cancellationToken).ConfigureAwait(false);
            if (powers is not null)
                options.Warn?.Invoke($"{target.Redacted} connects as a user with {powers}, which a read-only transaction does not restrain; 'ferry grant readonly' makes a user that can only read.");
            // A cancellation the caller did not ask for is a timer's: the backstop's, or libSQL's own.
            Exception Explain(Exception e, bool callerCancelled) => e is OperationCanceledException && callerCancelled ? e : Restate(e, target, options);
            StatementRows rows;
            try
            {
                rows = await runner.RunOneAsync(sql, options.Timeout, governed.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is FerryException or OperationCanceledException)
            {
                throw Explain(e, cancellationToken.IsCancellationRequested);
            }
            return new QueryResult(database, rows, options.MaxRows, Explain, [governed, backstop]);
        }
        catch
        {
            governed.Dispose();
            backstop.Dispose();
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static readonly TimeSpan BackstopGrace = TimeSpan.FromSeconds(2);

    /// <summary>A refusal or a timeout said as what it means for the query, by the server's code; anything else as it came.</summary>
    private static Exception Restate(Exception e, ConnectionTarget target, QueryOptions options) => e switch
    {
        FerryException { Server.Category: ServerErrorCategory.ReadOnly } f when !options.Write => FerryException.Restated(f,
            $"{target.Redacted} refused the query, which ferry query runs read-only ({f.Server!.Code}: {f.Server.Text.TrimEnd('.')}); nothing was written."),
        FerryException { Server.Category: ServerErrorCategory.Interrupted } f when options.Timeout is { } limit => FerryException.Restated(f,
            $"The query on {target.Redacted} ran longer than {Seconds(limit)}, and the database stopped it."),
        // libSQL has no statement timeout: Ferry's own timer stopped reading.
        OperationCanceledException when options.Timeout is { } limit => new FerryException(FerryErrorKind.Failed,
            $"The query on {target.Redacted} ran longer than {Seconds(limit)}, and Ferry stopped it.", e),
        _ => e,
    };

    private static string Seconds(TimeSpan limit) => limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}

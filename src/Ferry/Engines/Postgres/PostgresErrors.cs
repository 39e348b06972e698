using System.Net.Sockets;
using Ferry.Connections;
using Ferry.Errors;
using Npgsql;
using static Ferry.Engines.Postgres.PostgresErrorCodes;

namespace Ferry.Engines.Postgres;

/// <summary>Turns Npgsql's exceptions and PostgreSQL's SQLSTATEs into one sentence that names the server.</summary>
internal static class PostgresErrors
{
    /// <summary>
    /// Whether opening a session may succeed if tried again: the server is starting, restarting or
    /// full, or the network did not answer. Wrong credentials and unknown hosts never get better.
    /// </summary>
    public static bool IsTransient(Exception e) => e switch
    {
        PostgresException p => p.SqlState is CannotConnectNow or TooManyConnections or AdminShutdown or CrashShutdown
            || p.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException { InnerException: SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } } => false,
        NpgsqlException n => n.IsTransient,
        SocketException s => s.SocketErrorCode is not (SocketError.HostNotFound or SocketError.NoData),
        TimeoutException => true,
        _ => false,
    };

    /// <summary>A failure while opening the session.</summary>
    public static Exception DescribeOpen(Exception e, ConnectionTarget target) =>
        FerryException.WithServer(DescribeOpenFailure(e, target), e, ServerErrorOf(e));

    private static Exception DescribeOpenFailure(Exception e, ConnectionTarget target)
    {
        var where = PostgresConnectionString.Where(target);
        var user = PostgresConnectionString.UserName(target);
        return e switch
        {
            FerryException or OperationCanceledException => e,
            PostgresException { SqlState: InvalidPassword } => new FerryException(FerryErrorKind.Authentication,
                $"PostgreSQL at {where} refused the password for user {user}.", e),
            PostgresException { SqlState: InvalidAuthorization } p => new FerryException(FerryErrorKind.Authentication,
                $"PostgreSQL at {where} refused user {user}: {Reason(p)}.", e),
            // The server checks the database after the credentials, so the user got in and named
            // something that is not there: a mistake in the URL to fix, not a network problem to retry.
            PostgresException { SqlState: InvalidCatalogName } => new FerryException(FerryErrorKind.Usage,
                $"PostgreSQL at {where} has no database named \"{target.Database ?? user}\".", e),
            _ when IsPasswordMissing(e, target) => new FerryException(FerryErrorKind.Authentication,
                    $"PostgreSQL at {where} wants a password for user {user}, and none was given.", e),
            _ when IsTransient(e) || e is NpgsqlException { InnerException: SocketException } => new FerryException(FerryErrorKind.Connection,
                $"Cannot connect to PostgreSQL at {where}: {Reason(e)}.", e) { IsTransient = IsTransient(e) },
            PostgresException p => new FerryException(FerryErrorKind.Connection,
                $"PostgreSQL at {where} refused the connection: {Reason(p)}.", e),
            NpgsqlException n => new FerryException(FerryErrorKind.Connection,
                $"Cannot connect to PostgreSQL at {where}: {Reason(n)}.", e),
            _ => e,
        };
    }

    /// <summary>A failure of a statement on an open session.</summary>
    public static Exception Describe(Exception e, ConnectionTarget target) =>
        FerryException.WithServer(DescribeFailure(e, target), e, ServerErrorOf(e));

    private static Exception DescribeFailure(Exception e, ConnectionTarget target)
    {
        var where = PostgresConnectionString.Where(target);
        return e switch
        {
            FerryException or OperationCanceledException => e,
            PostgresException { SqlState: ReadOnlyTransaction } p => new FerryException(FerryErrorKind.Failed,
                $"PostgreSQL at {where} refused a write on a read-only session ({p.SqlState}: {Reason(p)}); Ferry opens sources read-only.", e),
            PostgresException p => new FerryException(FerryErrorKind.Failed,
                $"PostgreSQL at {where} reported {p.SqlState}: {Reason(p)}.", e),
            NpgsqlException n when n.IsTransient || n.InnerException is SocketException or IOException or TimeoutException => new FerryException(FerryErrorKind.Connection,
                $"Lost the connection to PostgreSQL at {where}: {Reason(n)}.", e) { IsTransient = true },
            NpgsqlException n => new FerryException(FerryErrorKind.Failed, $"PostgreSQL at {where}: {Reason(n)}.", e),
            // Npgsql learns the database's types when the session opens; a type created later, or a
            // value too large for decimal, cannot be read as an object.
            InvalidCastException or OverflowException => new FerryException(FerryErrorKind.Failed,
                $"PostgreSQL at {where} returned a value Ferry cannot read: {SecretMasker.Scrub(e.Message.TrimEnd('.'))}.", e),
            _ => e,
        };
    }

    /// <summary>
    /// Npgsql stopping short of sending a password it was not given: the server asked for one (else the
    /// session would have opened), the failure is Npgsql's own (no SQLSTATE, nothing underneath it), and no
    /// TLS was demanded — a server refusing TLS is the other failure that looks like this. Told by what
    /// Ferry knows, not by Npgsql's wording.
    /// </summary>
    private static bool IsPasswordMissing(Exception e, ConnectionTarget target) =>
        target.Password is null && e is NpgsqlException { IsTransient: false, InnerException: null } and not PostgresException
        && PostgresConnectionString.Build(target, AccessMode.ReadOnly).SslMode is not (SslMode.Require or SslMode.VerifyCA or SslMode.VerifyFull);

    /// <summary>The cause in a few words, without trailing punctuation, scrubbed of any secret the driver echoed.</summary>
    private static string Reason(Exception e)
    {
        var text = e switch
        {
            PostgresException { SqlState: CannotConnectNow } => "the server is starting up or shutting down",
            PostgresException { SqlState: TooManyConnections } => "too many connections",
            PostgresException p => p.MessageText,
            _ => Innermost(e) switch
            {
                SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
                SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } => "host not found",
                SocketException { SocketErrorCode: SocketError.TimedOut } or TimeoutException => "timed out",
                SocketException { SocketErrorCode: SocketError.AddressNotAvailable } => "no such socket",
                var inner => inner.Message,
            },
        };
        return SecretMasker.Scrub(text.Trim().TrimEnd('.'));
    }

    private static Exception Innermost(Exception e)
    {
        // Npgsql wraps a socket failure, sometimes twice; the bottom one says what happened.
        while (e.InnerException is not null && e is not SocketException) e = e.InnerException;
        return e;
    }
}

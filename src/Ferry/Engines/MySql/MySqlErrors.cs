using System.Net.Sockets;
using Ferry.Connections;
using Ferry.Errors;
using MySql.Data.MySqlClient;
using static Ferry.Engines.MySql.MySqlErrorCodes;

namespace Ferry.Engines.MySql;

/// <summary>Turns MySql.Data exceptions into one sentence that names the server, never the password.</summary>
internal static class MySqlErrors
{
    /// <summary>
    /// Failures that a server restart or a burst of clients explain, and which another try may get past.
    /// A refused password or an unknown database never is: retrying those only delays the answer.
    /// </summary>
    public static bool IsTransient(Exception e) => NumberedError(e) switch
    {
        // 1226 is an account limit, usually MAX_USER_CONNECTIONS; the hourly ones it also covers outlast
        // the retry, which then ends with the server's own words.
        MySqlException { Number: TooManyConnections or UserTooManyConnections or UserLimitReached or CannotGetHostAddress
            or ConnectionError or ConnHostError or ServerGoneAway or ServerLost } => true,
        // MySql.Data reports a socket that cannot connect with Number 0 and the SocketException inside.
        MySqlException m when m.Number == 0 && FindSocketError(m) is not null => true,
        MySqlException m when m.Number == 0 && m.InnerException is TimeoutException or EndOfStreamException or IOException => true,
        SocketException or TimeoutException => true,
        _ => false,
    };

    public static Exception Describe(Exception e, ConnectionTarget target) =>
        FerryException.WithServer(DescribeFailure(e, target), e, ServerErrorOf(e));

    /// <summary>
    /// A failure while opening the session. TLS demanded and not to be had — a certificate the client
    /// rejects, or a server without TLS, which MySql.Data reports only in words (error 0) — is told by
    /// what the URL demanded: then a failure of the driver's own, with no server error number or socket
    /// error under it, is the TLS.
    /// </summary>
    public static Exception DescribeOpen(Exception e, ConnectionTarget target) =>
        e is not FerryException && IsTlsFailure(e) || (MySqlConnectionSettings.DemandsTls(target) && NumberedError(e) is MySqlException { Number: 0 } && !IsTransient(e))
            ? new FerryException(FerryErrorKind.Connection, $"Cannot connect to MySQL at {Where(target)} over TLS: {Scrub(e.Message).TrimEnd('.')}.", e)
            : Describe(e, target);

    private static Exception DescribeFailure(Exception e, ConnectionTarget target)
    {
        if (e is FerryException) return e;
        var server = $"MySQL at {Where(target)}";
        return NumberedError(e) switch
        {
            MySqlException { Number: AccessDenied } => new FerryException(FerryErrorKind.Authentication,
                $"{server} refused the password for user {target.User}.", e),
            MySqlException { Number: DatabaseAccessDenied } => new FerryException(FerryErrorKind.Authentication,
                $"{server} does not let user {target.User} use the database '{target.Database}'.", e),
            MySqlException { Number: UnknownDatabase } => new FerryException(FerryErrorKind.NotADatabase,
                $"{server} has no database named '{target.Database}'.", e),
            MySqlException { Number: TooManyConnections or UserTooManyConnections } => new FerryException(FerryErrorKind.Connection,
                $"Cannot connect to {server}: too many connections, and none came free while Ferry retried.", e) { IsTransient = true },
            MySqlException { Number: UserLimitReached } x => new FerryException(FerryErrorKind.Connection,
                $"Cannot connect to {server}: {Scrub(x.Message).TrimEnd('.')}.", e) { IsTransient = true },
            MySqlException { Number: ReadOnlyTransaction } => new FerryException(FerryErrorKind.Failed,
                $"{target.Redacted} is open read-only and the server refused the write: {Scrub(e.Message)}", e),
            _ when IsTransient(e) => new FerryException(FerryErrorKind.Connection,
                $"Cannot connect to {server}: {Reason(e)}.", e) { IsTransient = true },
            // MySql.Data's own failures nest: "Fatal error encountered" around the one that says what.
            MySqlException { Number: 0 } m => new FerryException(FerryErrorKind.Failed,
                $"MySQL error on {target.Redacted}: {Scrub(Innermost(m).Message)}", e),
            MySqlException m => new FerryException(FerryErrorKind.Failed,
                $"MySQL error {m.Number} on {target.Redacted}: {Scrub(m.Message)}", e),
            _ => e,
        };
    }

    /// <summary>
    /// The exception that carries the server's error number. During the handshake MySql.Data wraps it:
    /// "Authentication ... failed with message: Access denied", Number 0, the 1045 inside.
    /// </summary>
    private static Exception NumberedError(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is MySqlException { Number: not 0 }) return inner;
        return e;
    }

    /// <summary>HOST:PORT, the way the user would type it, with the default port spelled out.</summary>
    public static string Where(ConnectionTarget target) => $"{target.Host}:{target.Port ?? MySqlEngine.DefaultPort}";

    private static string Reason(Exception e)
    {
        var socket = FindSocketError(e);
        if (socket is not null)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "the host name does not resolve",
                SocketError.TimedOut => "the connection timed out",
                SocketError.HostUnreachable or SocketError.NetworkUnreachable => "the host is unreachable",
                SocketError.ConnectionReset => "the server closed the connection",
                _ => Scrub(socket.Message).TrimEnd('.'),
            };
        }
        if (e is MySqlException { Number: ServerGoneAway or ServerLost }) return "the server closed the connection";
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is TimeoutException) return "the connection timed out";
        return Scrub(e.Message).TrimEnd('.');
    }

    private static MySqlException Innermost(MySqlException e)
    {
        var found = e;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            if (inner is MySqlException m) found = m;
        return found;
    }

    /// <summary>The TLS handshake itself failed: a certificate the client rejects.</summary>
    private static bool IsTlsFailure(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is System.Security.Authentication.AuthenticationException) return true;
        return false;
    }

    private static SocketException? FindSocketError(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException s) return s;
            if (inner is AggregateException a && a.InnerExceptions.Select(FindSocketError).FirstOrDefault(x => x is not null) is { } found) return found;
        }
        return null;
    }

    private static string Scrub(string message) => SecretMasker.Scrub(message.Trim());
}

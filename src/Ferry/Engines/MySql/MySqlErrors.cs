using System.Net.Sockets;
using Ferry.Connections;
using Ferry.Errors;
using MySqlConnector;

namespace Ferry.Engines.MySql;

/// <summary>Turns MySqlConnector exceptions into one sentence that names the server, never the password.</summary>
internal static class MySqlErrors
{
    /// <summary>
    /// Failures that a server restart or a burst of clients explain, and which another try may get past.
    /// A refused password or an unknown database never is: retrying those only delays the answer.
    /// </summary>
    public static bool IsTransient(Exception e) => ServerError(e) switch
    {
        // 1226 is an account limit, usually MAX_USER_CONNECTIONS; the hourly ones it also covers outlast
        // the retry, which then ends with the server's own words.
        MySqlException { ErrorCode: MySqlErrorCode.ConnectionCountError or MySqlErrorCode.TooManyUserConnections or MySqlErrorCode.UserLimitReached } => true,
        // MySqlConnector reports every failure to open as UnableToConnectToHost, a refused certificate as
        // much as a refused port (which its own IsTransient counts): only the network ones are (see ExplainAsync).
        MySqlException { ErrorCode: MySqlErrorCode.UnableToConnectToHost } m => IsNetworkFailure(m),
        MySqlException m when m.Number == 0 && (FindSocketError(m) is not null || m.InnerException is TimeoutException or EndOfStreamException or IOException) => true,
        SocketException or TimeoutException => true,
        _ => false,
    };

    public static Exception Describe(Exception e, ConnectionTarget target) =>
        FerryException.WithServer(DescribeFailure(e, target), e, MySqlErrorCodes.ServerErrorOf(e));

    private static Exception DescribeFailure(Exception e, ConnectionTarget target)
    {
        if (e is FerryException) return e;
        var server = $"MySQL at {Where(target)}";
        return ServerError(e) switch
        {
            MySqlException { ErrorCode: MySqlErrorCode.AccessDenied } => new FerryException(FerryErrorKind.Authentication,
                $"{server} refused the password for user {target.User}.", e),
            MySqlException { ErrorCode: MySqlErrorCode.DatabaseAccessDenied } => new FerryException(FerryErrorKind.Authentication,
                $"{server} does not let user {target.User} use the database '{target.Database}'.", e),
            MySqlException { ErrorCode: MySqlErrorCode.UnknownDatabase } => new FerryException(FerryErrorKind.NotADatabase,
                $"{server} has no database named '{target.Database}'.", e),
            MySqlException { ErrorCode: MySqlErrorCode.ConnectionCountError or MySqlErrorCode.TooManyUserConnections } => new FerryException(FerryErrorKind.Connection,
                $"Cannot connect to {server}: too many connections, and none came free while Ferry retried.", e) { IsTransient = true },
            MySqlException { ErrorCode: MySqlErrorCode.UserLimitReached } x => new FerryException(FerryErrorKind.Connection,
                $"Cannot connect to {server}: {Scrub(x.Message).TrimEnd('.')}.", e) { IsTransient = true },
            MySqlException { ErrorCode: MySqlErrorCode.CannotExecuteInReadOnlyTransaction } => new FerryException(FerryErrorKind.Failed,
                $"{target.Redacted} is open read-only and the server refused the write: {Scrub(e.Message)}", e),
            // TLS demanded (ssl-mode=required/verify_*) and a certificate the client rejects.
            var x when IsTlsFailure(x) => new FerryException(FerryErrorKind.Connection,
                $"Cannot connect to {server} over TLS: {Scrub(x.Message).TrimEnd('.')}.", e),
            _ when IsTransient(e) => new FerryException(FerryErrorKind.Connection,
                $"Cannot connect to {server}: {Reason(e)}.", e) { IsTransient = true },
            // The driver's own failures may nest: "Failed to read the result set" around the one that says what.
            MySqlException { Number: 0 } m => new FerryException(FerryErrorKind.Failed,
                $"MySQL error on {target.Redacted}: {Scrub(Innermost(m).Message)}", e),
            MySqlException m => new FerryException(FerryErrorKind.Failed,
                $"MySQL error {m.Number} on {target.Redacted}: {Scrub(m.Message)}", e),
            _ => e,
        };
    }

    /// <summary>
    /// The exception that carries the server's error number, should the driver wrap it in one of its own
    /// (Number 0, the server's error inside).
    /// </summary>
    private static Exception ServerError(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is MySqlException { Number: not 0 }) return inner;
        return e;
    }

    /// <summary>
    /// MySqlConnector reports every failure to open without a cause as UnableToConnectToHost, whose only
    /// distinction is its English text: a port that does not answer, and a server that answers but lacks the
    /// TLS the URL demands, look the same. Ferry asks the network itself (a bare TCP connect, nothing sent):
    /// a port that does not answer becomes its <see cref="SocketException"/>, which the retry waits out; a
    /// port that answers is a refusal no retry changes, said once. Anything else passes through as it came.
    /// </summary>
    public static async Task<Exception> ExplainAsync(MySqlException e, ConnectionTarget target, CancellationToken ct)
    {
        if (e.ErrorCode != MySqlErrorCode.UnableToConnectToHost || e.InnerException is not null) return e;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(target.Host ?? "localhost", target.Port ?? MySqlEngine.DefaultPort, timeout.Token).ConfigureAwait(false);
        }
        catch (SocketException unreachable)
        {
            return unreachable;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new SocketException((int)SocketError.TimedOut);
        }
        var server = $"MySQL at {Where(target)}";
        return MySqlConnectionSettings.DemandsTls(target)
            ? new FerryException(FerryErrorKind.Connection, $"Cannot connect to {server} over TLS: the server answers, but not with the TLS the URL demands ({Scrub(e.Message).TrimEnd('.')}).", e)
            : new FerryException(FerryErrorKind.Connection, $"Cannot connect to {server}: the server answers, but the connection could not be set up ({Scrub(e.Message).TrimEnd('.')}).", e);
    }

    /// <summary>An UnableToConnectToHost that the network explains: a socket error, a timeout or a closed stream inside it.</summary>
    private static bool IsNetworkFailure(MySqlException e) =>
        !IsTlsFailure(e) && (FindSocketError(e) is not null || IsTimeout(e) || e.InnerException is IOException);

    /// <summary>HOST:PORT, the way the user would type it, with the default port spelled out.</summary>
    public static string Where(ConnectionTarget target) => $"{target.Host}:{target.Port ?? MySqlEngine.DefaultPort}";

    private static string Reason(Exception e)
    {
        if (FindSocketError(e) is { } socket)
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
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is EndOfStreamException) return "the server closed the connection";
        return IsTimeout(e) ? "the connection timed out" : Scrub(e.Message).TrimEnd('.');
    }

    private static MySqlException Innermost(MySqlException e)
    {
        var found = e;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            if (inner is MySqlException m) found = m;
        return found;
    }

    /// <summary>A certificate the client rejects, or a TLS handshake that failed, as .NET reports it.</summary>
    private static bool IsTlsFailure(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is System.Security.Authentication.AuthenticationException) return true;
        return false;
    }

    /// <summary>A connect that ran out of time: .NET's TimeoutException, or MySqlConnector's own timeout inside its connect failure.</summary>
    private static bool IsTimeout(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is TimeoutException or MySqlException { ErrorCode: MySqlErrorCode.CommandTimeoutExpired }) return true;
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

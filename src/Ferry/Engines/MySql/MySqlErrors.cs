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
        // MySqlConnector reports every failure to open as UnableToConnectToHost, a refused certificate or
        // a missing RSA key as much as a refused port (which its own IsTransient counts): only the network ones are.
        MySqlException { ErrorCode: MySqlErrorCode.UnableToConnectToHost } m => IsNetworkFailure(m),
        MySqlException m when m.Number == 0 && (FindSocketError(m) is not null || m.InnerException is TimeoutException or EndOfStreamException or IOException) => true,
        SocketException or TimeoutException => true,
        _ => false,
    };

    /// <param name="socket">Why a connection could not be made, when the driver's exception does not say (see <see cref="ProbeAsync"/>).</param>
    public static Exception Describe(Exception e, ConnectionTarget target, SocketException? socket = null) =>
        FerryException.WithServer(DescribeFailure(e, target, socket), e, MySqlErrorCodes.ServerErrorOf(e));

    private static Exception DescribeFailure(Exception e, ConnectionTarget target, SocketException? socket)
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
            // TLS demanded (ssl-mode=required/verify_*) and not to be had: a certificate the client
            // rejects, or a server without TLS, which MySqlConnector only says in words.
            var x when IsTlsFailure(x) => new FerryException(FerryErrorKind.Connection,
                $"Cannot connect to {server} over TLS: {Scrub(x.Message).TrimEnd('.')}.", e),
            _ when IsTransient(e) => new FerryException(FerryErrorKind.Connection,
                $"Cannot connect to {server}: {Reason(e, socket)}.", e) { IsTransient = true },
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
    /// Why the server's port did not answer. MySqlConnector says only "Unable to connect to any of the
    /// specified MySQL hosts" and keeps the socket's error to its log, so after the retries give up Ferry
    /// connects once itself (a bare TCP connect, nothing sent) to name the reason; null when it connects.
    /// </summary>
    public static async Task<SocketException?> ProbeAsync(Exception e, ConnectionTarget target)
    {
        if (ServerError(e) is not MySqlException { ErrorCode: MySqlErrorCode.UnableToConnectToHost } m || FindSocketError(m) is not null || !IsNetworkFailure(m)) return null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(target.Host ?? "localhost", target.Port ?? MySqlEngine.DefaultPort, timeout.Token).ConfigureAwait(false);
            return null;
        }
        catch (SocketException probe)
        {
            return probe;
        }
        catch (OperationCanceledException)
        {
            return new SocketException((int)SocketError.TimedOut);
        }
    }

    /// <summary>An UnableToConnectToHost that the network explains, not TLS or the authentication set-up.</summary>
    private static bool IsNetworkFailure(MySqlException e) =>
        !IsTlsFailure(e) && (FindSocketError(e) is not null || e.InnerException is IOException or TimeoutException
            || e.Message.StartsWith("Unable to connect to any of the specified MySQL hosts", StringComparison.Ordinal)
            || e.Message.StartsWith("Connect Timeout expired", StringComparison.Ordinal));

    /// <summary>HOST:PORT, the way the user would type it, with the default port spelled out.</summary>
    public static string Where(ConnectionTarget target) => $"{target.Host}:{target.Port ?? MySqlEngine.DefaultPort}";

    private static string Reason(Exception e, SocketException? probed)
    {
        var socket = FindSocketError(e) ?? probed;
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
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is EndOfStreamException) return "the server closed the connection";
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

    private static bool IsTlsFailure(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is System.Security.Authentication.AuthenticationException) return true;
        return e is MySqlException m && (m.Message.Contains("SSL", StringComparison.Ordinal) || m.Message.Contains("TLS", StringComparison.Ordinal));
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

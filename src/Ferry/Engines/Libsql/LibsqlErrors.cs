using System.Net;
using System.Net.Sockets;
using Ferry.Connections;
using Ferry.Errors;

namespace Ferry.Engines.Libsql;

/// <summary>Turns HTTP and Hrana failures into one sentence that names the server, never the token.</summary>
internal static class LibsqlErrors
{
    /// <summary>Worth retrying: the server could not be reached, or said it is busy or restarting.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        // A name that does not resolve or a certificate that does not verify will not mend in seconds.
        HttpRequestException h => h.HttpRequestError is not (HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError),
        HranaException { Status: { } status } => status is HttpStatusCode.TooManyRequests || (int)status >= 500,
        TaskCanceledException { InnerException: TimeoutException } => false,
        _ => false,
    };

    /// <summary>
    /// Transient, and certainly not run by the server, so a write may be sent again without running
    /// twice: no connection was made, or the server turned the request away before looking at it.
    /// </summary>
    public static bool IsSafeToResend(Exception e) => e switch
    {
        HttpRequestException h => h.HttpRequestError == HttpRequestError.ConnectionError,
        HranaException { Status: HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests } => true,
        _ => false,
    };

    /// <param name="statement">Which statement failed, as "statement 2 of 5 (INSERT INTO ...)", when known.</param>
    public static Exception Describe(Exception e, ConnectionTarget target, string? statement = null) =>
        FerryException.WithServer(DescribeFailure(e, target, statement), e, LibsqlErrorCodes.ServerErrorOf(e));

    private static Exception DescribeFailure(Exception e, ConnectionTarget target, string? statement)
    {
        var where = target.Redacted;
        var at = statement is null ? "" : " in " + statement;
        return e switch
        {
            FerryException => e,
            HranaException { Status: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } h => new FerryException(FerryErrorKind.Authentication,
                target.AuthToken is null
                    ? $"libSQL at {where} requires a token: add ?authToken=... to the URL or set TURSO_AUTH_TOKEN."
                    : $"libSQL at {where} refused the token ({Scrub(h.Message)}).", e),
            HranaException { Status: HttpStatusCode.NotFound, Explained: true } h => new FerryException(FerryErrorKind.Connection,
                $"The database/namespace does not exist on libSQL at {where} ({Scrub(h.Message)})"
                + (target.HostHeader is null ? "; name one with ?namespace=NAME or http://NAME.localhost:PORT." : "."), e),
            HranaException { Status: HttpStatusCode.NotFound } => new FerryException(FerryErrorKind.Connection,
                $"{where} does not speak Hrana over HTTP (HTTP 404): is it a sqld or Turso URL?", e),
            HranaException { Code: HranaException.StreamExpired } => new FerryException(FerryErrorKind.Failed,
                $"The libSQL stream at {where} expired: sqld closes a stream after 10 seconds without a request.", e),
            HranaException { Code: HranaException.ResponseTooLarge } => new FerryException(FerryErrorKind.Failed,
                $"The result{at} is larger than libSQL at {where} sends in one response (sqld's --max-response-size, 10 MB by default).", e),
            HranaException { Status: { } status } h when IsTransient(h) => new FerryException(FerryErrorKind.Connection,
                $"libSQL at {where} answered HTTP {(int)status}, and kept doing so while Ferry retried: {Scrub(h.Message)}", e) { IsTransient = true },
            HranaException { Status: { } status } h => new FerryException(FerryErrorKind.Failed,
                $"libSQL at {where} refused the request (HTTP {(int)status}): {Scrub(h.Message)}", e),
            HranaException h => new FerryException(FerryErrorKind.Failed,
                $"libSQL error on {where}{at}: {Scrub(h.Message)}{(h.Code is null || h.Message.Contains(h.Code, StringComparison.Ordinal) ? "" : $" [{h.Code}]")}", e),
            HttpRequestException h => Unreachable(h, target, where),
            // sqld 0.24 cuts a cursor's response short when it refuses a statement there (seen: a write with a read-only token).
            HttpIOException h => new FerryException(FerryErrorKind.Failed,
                $"libSQL at {where} broke off its answer before the end ({h.HttpRequestError}); whether the statement ran to its end is unknown.", e),
            TaskCanceledException { InnerException: TimeoutException } => new FerryException(FerryErrorKind.Connection,
                $"libSQL at {where} did not answer within {HranaClient.DefaultRequestTimeout.TotalSeconds:0} seconds.", e) { IsTransient = true },
            _ => e,
        };
    }

    private static FerryException Unreachable(HttpRequestException e, ConnectionTarget target, string where)
    {
        var address = $"{target.Host}:{target.Port ?? (target.UseTls ? 443 : 80)}";
        var why = e switch
        {
            { HttpRequestError: HttpRequestError.NameResolutionError } => "the host name does not resolve",
            { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } => "connection refused",
            { InnerException: SocketException { SocketErrorCode: SocketError.TimedOut } } or { InnerException: TimeoutException } or { InnerException: OperationCanceledException }
                => $"no answer within {HranaClient.ConnectTimeout.TotalSeconds:0} seconds",
            { HttpRequestError: HttpRequestError.SecureConnectionError } => "the TLS handshake failed",
            _ => Scrub(e.Message).TrimEnd('.'),
        };
        var via = target.HostHeader is null ? "" : $" ({where})";
        return new FerryException(FerryErrorKind.Connection, $"Cannot connect to libSQL at {address}{via}: {why}.", e) { IsTransient = IsTransient(e) };
    }

    private static string Scrub(string text) => SecretMasker.Scrub(text).TrimEnd('.');
}

using System.Net;

namespace Ferry.Engines.Libsql;

/// <summary>
/// A failure the server reported: an HTTP error status, a Hrana <see cref="HranaError"/> for a request
/// or a batch step, or a reply Ferry could not read. <see cref="LibsqlErrors"/> turns it into a sentence.
/// </summary>
internal sealed class HranaException(string message, string? code = null, HttpStatusCode? status = null, int? step = null, Exception? inner = null,
    bool explained = false)
    : Exception(message, inner)
{
    public const string StreamExpired = "STREAM_EXPIRED";
    public const string ResponseTooLarge = "RESPONSE_TOO_LARGE";

    /// <summary>The server's code (<c>SQLITE_CONSTRAINT</c>, <c>STREAM_EXPIRED</c>, ...), when it sent one.</summary>
    public string? Code { get; } = code;

    /// <summary>The HTTP status, when the server refused the whole request rather than one statement.</summary>
    public HttpStatusCode? Status { get; } = status;

    /// <summary>The batch step that failed, when the failure belongs to one statement of a batch.</summary>
    public int? Step { get; } = step;

    /// <summary>
    /// An HTTP error whose body was the server's own JSON error. A 404 that says nothing is a route the
    /// server does not have (no Hrana, or not this version); one it explains is sqld refusing the
    /// namespace, whatever words it uses.
    /// </summary>
    public bool Explained { get; } = explained;

    public static HranaException From(HranaError error, int? step = null) => new(error.Message, error.Code, step: step);
}

namespace Ferry.Errors;

/// <summary>
/// An error Ferry can explain in one sentence. Its message is what the user reads, so it names the
/// table, key, column, URL or file involved, and never holds a password or token.
/// </summary>
public class FerryException : Exception
{
    public FerryException(FerryErrorKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    public FerryErrorKind Kind { get; }

    /// <summary>True when trying again later may succeed (a locked file, a server restarting).</summary>
    public bool IsTransient { get; init; }

    /// <summary>The server's own code and words, when a database server reported the failure.</summary>
    public ServerError? Server { get; private set; }

    /// <summary>The same failure told with what the caller knows (which table, which key): its kind and the server's code stay.</summary>
    public static FerryException Restated(FerryException e, string message) => new(e.Kind, message, e) { Server = e.Server };

    /// <summary>
    /// Attaches what the server reported to a sentence made from it. An engine's Describe calls this once
    /// for all its cases, so no case can forget it; an exception passed through unchanged keeps its own.
    /// </summary>
    internal static Exception WithServer(Exception described, Exception original, ServerError? server)
    {
        if (described is FerryException f && !ReferenceEquals(described, original) && server is not null) f.Server ??= server;
        return described;
    }
}

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
}

namespace Ferry.Copy;

/// <summary>
/// A refused value that stops the copy (no --rejects file). <see cref="Refusal"/> names table, key, column
/// and reason; the message adds what became of the target and what to run next.
/// </summary>
public sealed class CopyRefusedException(string table, string refusal, string? message = null)
    : Errors.FerryException(Errors.FerryErrorKind.Failed, message ?? refusal + ".")
{
    public string Table => table;

    public string Refusal => refusal;
}

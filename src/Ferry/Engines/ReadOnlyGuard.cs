using Ferry.Connections;
using Ferry.Errors;

namespace Ferry.Engines;

/// <summary>
/// Ferry's own refusal to write through a database opened read-only, before anything is sent.
/// It sits in front of the database's refusal (read-only transactions, Mode=ReadOnly), not instead of it.
/// </summary>
public static class ReadOnlyGuard
{
    public static void RequireWritable(AccessMode access, ConnectionTarget target)
    {
        if (access == AccessMode.ReadOnly)
            throw new FerryException(FerryErrorKind.Failed, $"{target.Redacted} is open read-only; Ferry does not write to a source.");
    }
}

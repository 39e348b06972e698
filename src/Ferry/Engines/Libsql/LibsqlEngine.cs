using Ferry.Connections;

namespace Ferry.Engines.Libsql;

public static class LibsqlEngine
{
    public static Task<IDatabase> OpenAsync(ConnectionTarget target, OpenOptions options, CancellationToken cancellationToken) =>
        throw new Errors.FerryException(Errors.FerryErrorKind.Failed, "placeholder");
}

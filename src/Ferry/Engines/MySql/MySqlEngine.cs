using Ferry.Connections;

namespace Ferry.Engines.MySql;

public static class MySqlEngine
{
    public static Task<IDatabase> OpenAsync(ConnectionTarget target, OpenOptions options, CancellationToken cancellationToken) =>
        throw new Errors.FerryException(Errors.FerryErrorKind.Failed, "placeholder");
}

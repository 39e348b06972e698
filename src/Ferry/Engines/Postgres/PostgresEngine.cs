using Ferry.Connections;

namespace Ferry.Engines.Postgres;

public static class PostgresEngine
{
    public static Task<IDatabase> OpenAsync(ConnectionTarget target, OpenOptions options, CancellationToken cancellationToken) =>
        throw new Errors.FerryException(Errors.FerryErrorKind.Failed, "placeholder");
}

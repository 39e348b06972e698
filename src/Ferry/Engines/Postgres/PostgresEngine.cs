using Ferry.Connections;
using Npgsql;

namespace Ferry.Engines.Postgres;

/// <summary>Opens PostgreSQL databases through Npgsql.</summary>
public static class PostgresEngine
{
    public static async Task<IDatabase> OpenAsync(ConnectionTarget target, OpenOptions options, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlDataSourceBuilder(PostgresConnectionString.Build(target, options.Access).ConnectionString);
        // Without this Npgsql refuses to read enums and ranges it was not told about; a copy reads
        // whatever a user's schema holds, so it gets them as Npgsql's generic form instead.
        builder.EnableUnmappedTypes();
        var dataSource = builder.Build();
        try
        {
            var connection = await TransientRetry.RunAsync(async ct =>
            {
                var attempt = dataSource.CreateConnection();
                try
                {
                    await attempt.OpenAsync(ct).ConfigureAwait(false);
                    return attempt;
                }
                catch
                {
                    await attempt.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }, PostgresErrors.IsTransient, options.RetryFor, cancellationToken).ConfigureAwait(false);
            return new PostgresDatabase(target, options, dataSource, connection);
        }
        catch (Exception e)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw PostgresErrors.DescribeOpen(e, target);
        }
    }
}

using Ferry.Connections;
using Ferry.Errors;

namespace Ferry.Engines.Libsql;

/// <summary>
/// Opens a libSQL database (self-hosted <c>sqld</c> or Turso) through Hrana over HTTP; no .NET driver
/// exists, so <see cref="HranaClient"/> speaks the protocol with HttpClient and System.Text.Json.
/// </summary>
public static class LibsqlEngine
{
    public static async Task<IDatabase> OpenAsync(ConnectionTarget target, OpenOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(target.Host))
            throw new FerryException(FerryErrorKind.Usage, "The libSQL URL names no host; write libsql://NAME-ORG.turso.io or http://HOST:PORT.");
        SecretMasker.Register(target.AuthToken);
        var client = new HranaClient(target.HttpBaseUri, target.AuthToken, target.HostHeader);
        var database = new LibsqlDatabase(target, options, client);
        try
        {
            // HTTP connects lazily: one real query proves the server, the namespace and the token now.
            await TransientRetry.RunAsync(database.ProbeAsync, LibsqlErrors.IsTransient, options.RetryFor, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            client.Dispose();
            throw LibsqlErrors.Describe(e, target);
        }
        return database;
    }
}

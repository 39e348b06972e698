using Ferry.Connections;
using Ferry.Engines;
using Ferry.Errors;

namespace Ferry.Monitoring;

/// <summary>
/// Checks one database again and again on one connection, opened again after any failure. A check that fails
/// is retried with a growing pause before it counts; failures in a row are counted so a caller can give up.
/// </summary>
public sealed class Watcher(ConnectionTarget target, WatchOptions options) : IAsyncDisposable
{
    private IDatabase? _database;
    private int _failures;

    public ConnectionTarget Target => target;

    public async Task<HealthSample> CheckAsync(CancellationToken ct)
    {
        var at = DateTimeOffset.UtcNow;
        Exception? last = null;
        var attempts = 0;
        while (attempts < options.Attempts)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Timeout);
            try
            {
                attempts++;
                var (info, details) = await LookAsync(timeout.Token).ConfigureAwait(false);
                _failures = 0;
                return new HealthSample
                {
                    Where = target.Redacted, At = at, Reachable = true, Attempts = attempts, ConsecutiveFailures = 0,
                    Engine = info.Engine, Version = info.Version,
                    RoundTripMs = Math.Round(info.RoundTrip.TotalMilliseconds, 2), Details = details,
                };
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                last = e is OperationCanceledException
                    ? new FerryException(FerryErrorKind.Connection, $"{target.Redacted} did not answer within {options.Timeout.TotalSeconds:0.#} s.") { IsTransient = true }
                    : e;
                await ForgetAsync().ConfigureAwait(false);
            }
            // A wrong password or a missing file will not mend in a second; a refused or dropped connection may.
            if (!MayPass(last)) break;
            if (attempts < options.Attempts)
                await Task.Delay(options.FirstBackoff * Math.Pow(2, attempts - 1), ct).ConfigureAwait(false);
        }
        return new HealthSample
        {
            Where = target.Redacted, At = at, Reachable = false, Attempts = attempts, ConsecutiveFailures = ++_failures,
            Engine = target.Engine, Error = Sentence(last!),
        };
    }

    private async Task<(ServerInfo, HealthDetails)> LookAsync(CancellationToken ct)
    {
        // No retries inside the open: this class retries, and a watch must notice an outage rather than wait it out.
        _database ??= await Databases.OpenAsync(target, new OpenOptions { Access = AccessMode.ReadOnly, RetryFor = TimeSpan.Zero }, ct).ConfigureAwait(false);
        var info = await _database.PingAsync(ct).ConfigureAwait(false);
        return (info, await HealthQueries.ReadAsync(_database, ct).ConfigureAwait(false));
    }

    private static bool MayPass(Exception? e) => e is not FerryException f || f.IsTransient || f.Kind == FerryErrorKind.Connection;

    private static string Sentence(Exception e) => SecretMasker.Scrub(e is FerryException ? e.Message : $"{e.GetType().Name}: {e.Message}");

    private async Task ForgetAsync()
    {
        if (_database is null) return;
        try { await _database.DisposeAsync().ConfigureAwait(false); }
        catch (Exception) { /* a connection that just broke may fail to close too; it is dropped either way */ }
        _database = null;
    }

    public ValueTask DisposeAsync() => new(ForgetAsync());
}

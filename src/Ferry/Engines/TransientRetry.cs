using System.Diagnostics;

namespace Ferry.Engines;

/// <summary>
/// Retries an action while its failures are transient, with exponential backoff and a bounded total
/// wait; then lets the last failure through for the engine to turn into one sentence.
/// </summary>
public static class TransientRetry
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(2);

    public static async Task<T> RunAsync<T>(
        Func<CancellationToken, Task<T>> action,
        Func<Exception, bool> isTransient,
        TimeSpan retryFor,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var delay = FirstDelay;
        while (true)
        {
            try
            {
                return await action(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (isTransient(e) && clock.Elapsed + delay < retryFor && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestDelay.Ticks));
            }
        }
    }

    public static Task RunAsync(
        Func<CancellationToken, Task> action,
        Func<Exception, bool> isTransient,
        TimeSpan retryFor,
        CancellationToken cancellationToken) =>
        RunAsync(async ct => { await action(ct).ConfigureAwait(false); return true; }, isTransient, retryFor, cancellationToken);
}

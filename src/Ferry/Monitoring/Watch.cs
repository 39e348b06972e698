using System.Diagnostics;
using System.Runtime.CompilerServices;
using Ferry.Connections;

namespace Ferry.Monitoring;

/// <summary>Rounds of checks: every database checked at once, one round per interval, until cancelled or the rounds run out.</summary>
public static class Watch
{
    public static async IAsyncEnumerable<IReadOnlyList<HealthSample>> RoundsAsync(
        IReadOnlyList<ConnectionTarget> targets, WatchOptions options, [EnumeratorCancellation] CancellationToken ct)
    {
        var watchers = targets.Select(t => new Watcher(t, options)).ToList();
        try
        {
            for (var round = 1; options.Rounds is null || round <= options.Rounds; round++)
            {
                var clock = Stopwatch.StartNew();
                var samples = await RoundAsync(watchers, ct).ConfigureAwait(false);
                if (samples is null) yield break;
                yield return samples;
                if (round == options.Rounds) yield break;
                // The interval runs from the start of a round, so a slow check does not push every later one back.
                var rest = options.Interval - clock.Elapsed;
                if (rest > TimeSpan.Zero && !await PauseAsync(rest, ct).ConfigureAwait(false)) yield break;
            }
        }
        finally
        {
            foreach (var watcher in watchers) await watcher.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Null when cancelled: stopping a watch is its normal end, not an error.</summary>
    private static async Task<HealthSample[]?> RoundAsync(List<Watcher> watchers, CancellationToken ct)
    {
        try { return await Task.WhenAll(watchers.Select(w => w.CheckAsync(ct))).ConfigureAwait(false); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { return null; }
    }

    private static async Task<bool> PauseAsync(TimeSpan rest, CancellationToken ct)
    {
        try { await Task.Delay(rest, ct).ConfigureAwait(false); return true; }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { return false; }
    }
}

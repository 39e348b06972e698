using Ferry.Connections;
using Ferry.Engines;
using Ferry.Sync;

namespace Ferry.Tests.Sync;

/// <summary>One run of ferry sync as the command makes it: the source read-only, the target writable.</summary>
public static class SyncHarness
{
    public static async Task<SyncReport> RunAsync(ConnectionTarget from, ConnectionTarget to, SyncOptions options, CancellationToken ct = default,
        IProgress<Ferry.Copy.CopyEvent>? progress = null)
    {
        // Each sync keeps its copies' journal in the temporary folder, not in the test run's working directory.
        options = options.JournalPath is null ? options with { JournalPath = Path.Combine(Path.GetTempPath(), "ferry-journals", $"sync-{Guid.NewGuid():N}.json") } : options;
        await using var source = await Databases.OpenAsync(from, new OpenOptions { Access = AccessMode.ReadOnly }, ct);
        await using var target = await Databases.OpenAsync(to, new OpenOptions { Access = AccessMode.ReadWrite }, ct);
        return await new SyncRunner(source, target, options, progress).RunAsync(ct);
    }
}

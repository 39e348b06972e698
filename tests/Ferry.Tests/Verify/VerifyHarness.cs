using Ferry.Connections;
using Ferry.Copy;
using Ferry.Engines;
using Ferry.Verify;

namespace Ferry.Tests.Verify;

/// <summary>ferry verify as the library runs it: both sides opened read-only, as the command opens them.</summary>
public static class VerifyHarness
{
    public static async Task<VerifyReport> RunAsync(ConnectionTarget from, ConnectionTarget to, VerifyOptions options, IProgress<CopyEvent>? progress = null)
    {
        await using var source = await Databases.OpenAsync(from, new OpenOptions { Access = AccessMode.ReadOnly }, default);
        await using var target = await Databases.OpenAsync(to, new OpenOptions { Access = AccessMode.ReadOnly }, default);
        return await new VerifyRunner(source, target, options, progress).RunAsync(default);
    }
}

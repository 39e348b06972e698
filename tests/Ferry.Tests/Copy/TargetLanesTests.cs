using System.Globalization;
using Ferry.Copy;
using Ferry.Engines;
using Ferry.Errors;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>The connections a copy builds its keys and indexes on after the load, several at once.</summary>
public sealed class TargetLanesTests
{
    /// <summary>
    /// Each item waits until the other has started: run one after another they would never finish. So both run at
    /// once, each on a PostgreSQL backend of its own, and the results come back in the items' order.
    /// </summary>
    [Fact]
    public async Task ItemsRunAtOnceEachOnItsOwnConnection()
    {
        await using var scratch = await ScratchDatabase.ForEngineAsync("postgres");
        await using var first = await scratch.OpenAsync();
        await using var lanes = new TargetLanes(first, _ => scratch.OpenAsync(), TargetLanes.Width(jobs: 1));
        var started = new[] { new TaskCompletionSource(), new TaskCompletionSource() };
        var pids = await lanes.RunAsync([0, 1], async (item, database, ct) =>
        {
            started[item].SetResult();
            await started[1 - item].Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            return (item, Pid: Convert.ToInt64((await database.QueryAsync("SELECT pg_backend_pid()", ct))[0][0], CultureInfo.InvariantCulture));
        }, default);

        Assert.Equal([0, 1], pids.Select(p => p.item));
        Assert.NotEqual(pids[0].Pid, pids[1].Pid);
    }

    /// <summary>A server that refuses another connection leaves one lane: every item still runs, one after another.</summary>
    [Fact]
    public async Task ARefusedConnectionLeavesFewerLanesNotAFailure()
    {
        await using var scratch = await ScratchDatabase.ForEngineAsync("postgres");
        await using var first = await scratch.OpenAsync();
        var tries = 0;
        await using var lanes = new TargetLanes(first, _ =>
        {
            tries++;
            throw new FerryException(FerryErrorKind.Connection, "too many connections");
        }, width: 4);
        var squares = await lanes.RunAsync([1, 2, 3, 4, 5], async (n, database, ct) =>
            Convert.ToInt64((await database.QueryAsync($"SELECT {n} * {n}", ct))[0][0], CultureInfo.InvariantCulture), default);
        await lanes.RunAsync([6, 7], (n, database, ct) => Task.FromResult(n), default);

        Assert.Equal([1L, 4, 9, 16, 25], squares);
        Assert.Equal(1, tries);
    }
}

using Ferry.Engines;
using Ferry.Errors;

namespace Ferry.Copy;

/// <summary>
/// Connections to the target that run independent statements side by side once the rows are in. The source is
/// done by then and the server does all the work, one core per statement: building two indexes of one table at
/// once on PostgreSQL (CREATE INDEX takes a SHARE lock, which another CREATE INDEX does not wait for) takes about
/// as long as the longer of them, not their sum. Extra connections are opened the first time they are needed and
/// closed with the lanes; one the server refuses (too many connections) leaves fewer lanes, never a failed copy.
/// </summary>
internal sealed class TargetLanes(IDatabase first, Func<CancellationToken, Task<IDatabase>>? open, int width) : IAsyncDisposable
{
    private readonly List<IDatabase> _more = [];
    private bool _refused;

    /// <summary>How many statements may run at once: <c>--jobs</c> when larger, else two.</summary>
    public static int Width(int jobs) => Math.Max(2, jobs);

    /// <summary>Runs <paramref name="work"/> on every item, as many at once as there are lanes; the results in the items' order.</summary>
    public async Task<T[]> RunAsync<TItem, T>(IReadOnlyList<TItem> items, Func<TItem, IDatabase, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        var results = new T[items.Count];
        var lanes = await OpenAsync(Math.Min(width, items.Count), ct).ConfigureAwait(false);
        var next = -1;
        async Task Lane(IDatabase database)
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < items.Count) results[i] = await work(items[i], database, ct).ConfigureAwait(false);
        }
        await Task.WhenAll(lanes.Select(Lane)).ConfigureAwait(false);
        return results;
    }

    private async Task<List<IDatabase>> OpenAsync(int wanted, CancellationToken ct)
    {
        while (open is not null && !_refused && _more.Count < wanted - 1)
        {
            try
            {
                _more.Add(await open(ct).ConfigureAwait(false));
            }
            catch (FerryException)
            {
                // The statements run on the lanes there are, one after another if need be.
                _refused = true;
            }
        }
        return [first, .. _more.Take(Math.Max(0, wanted - 1))];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _more) await database.DisposeAsync().ConfigureAwait(false);
    }
}

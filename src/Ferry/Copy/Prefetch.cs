using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Ferry.Copy;

/// <summary>
/// Reads ahead on another thread: the source is read and converted while the target writes the
/// previous rows, so both cores work. A few batches at most are held, so memory stays flat.
/// </summary>
public static class Prefetch
{
    private const int BatchRows = 1000;
    private const int Batches = 8;

    public static async IAsyncEnumerable<object?[]> ReadAhead(IAsyncEnumerable<object?[]> rows, [EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateBounded<object?[][]>(new BoundedChannelOptions(Batches) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(async () =>
        {
            try
            {
                var batch = new List<object?[]>(BatchRows);
                await foreach (var row in rows.WithCancellation(stop.Token).ConfigureAwait(false))
                {
                    batch.Add(row);
                    if (batch.Count < BatchRows) continue;
                    await channel.Writer.WriteAsync([.. batch], stop.Token).ConfigureAwait(false);
                    batch.Clear();
                }
                if (batch.Count > 0) await channel.Writer.WriteAsync([.. batch], stop.Token).ConfigureAwait(false);
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                // The reader's failure (a refused value, a lost connection) is the one the copy reports.
                channel.Writer.Complete(e);
            }
        }, stop.Token);

        try
        {
            while (true)
            {
                object?[][] batch;
                try
                {
                    if (!await channel.Reader.WaitToReadAsync(ct).ConfigureAwait(false)) break;
                    if (!channel.Reader.TryRead(out batch!)) continue;
                }
                catch (ChannelClosedException closed) when (closed.InnerException is not null)
                {
                    throw closed.InnerException;
                }
                foreach (var row in batch) yield return row;
            }
        }
        finally
        {
            // The writer stopped early (it failed, or was cancelled): stop reading too, and wait for it.
            await stop.CancelAsync().ConfigureAwait(false);
            try { await producer.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
    }
}

using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Ferry.Copy;

/// <summary>
/// Reads ahead on another thread: the source is read and converted while the target writes the
/// previous rows, so both cores work. A few batches at most are held, each ending at its row count
/// or at 4 MiB, so memory stays flat however large the rows.
/// </summary>
public static class Prefetch
{
    public const int BatchRows = 1000;
    public const long BatchBytes = 4L * 1024 * 1024;
    public const int Batches = 8;

    /// <param name="keepSession">
    /// When the reader stops early, end the source's statement by reading on to its end rather than cancelling it:
    /// a cancelled read breaks a PostgreSQL connection mid-row and aborts the transaction it is in, which a verify
    /// still needs for its next table. A copy that stops early ends anyway, and does not wait for the rest.
    /// </param>
    public static async IAsyncEnumerable<object?[]> ReadAhead(IAsyncEnumerable<object?[]> rows, [EnumeratorCancellation] CancellationToken ct, int batchRows = BatchRows, bool keepSession = false)
    {
        var channel = Channel.CreateBounded<object?[][]>(new BoundedChannelOptions(Batches) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(async () =>
        {
            try
            {
                var batch = new List<object?[]>(Math.Min(batchRows, BatchRows));
                long bytes = 0;
                await foreach (var row in rows.WithCancellation(keepSession ? ct : stop.Token).ConfigureAwait(false))
                {
                    batch.Add(row);
                    bytes += Engines.RowBytes.Estimate(row);
                    if (batch.Count < batchRows && bytes < BatchBytes) continue;
                    await channel.Writer.WriteAsync([.. batch], stop.Token).ConfigureAwait(false);
                    batch.Clear();
                    bytes = 0;
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

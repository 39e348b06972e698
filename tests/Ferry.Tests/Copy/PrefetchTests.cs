using Ferry.Copy;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>The read-ahead holds a few batches, bounded by bytes as well as rows, so large rows keep memory flat.</summary>
public sealed class PrefetchTests
{
    [Fact]
    public async Task LargeRowsAreReadAheadByTheMegabyteNotByTheThousand()
    {
        var produced = 0;
        async IAsyncEnumerable<object?[]> Rows()
        {
            for (var i = 0; i < 500; i++)
            {
                Interlocked.Increment(ref produced);
                yield return [(long)i, new byte[1 << 20]];
            }
            await Task.CompletedTask;
        }

        var consumed = 0;
        var mostAhead = 0;
        await foreach (var row in Prefetch.ReadAhead(Rows(), default))
        {
            Assert.Equal((long)consumed, row[0]);
            consumed++;
            // Let the reader run as far ahead as it is allowed to before looking.
            if (consumed % 50 == 1) await Task.Delay(50);
            mostAhead = Math.Max(mostAhead, Volatile.Read(ref produced) - consumed);
        }

        Assert.Equal(500, consumed);
        // 8 batches of 4 MiB, one being filled and one being read: about 40 rows of 1 MiB, never the 8,000 a row count alone allows.
        Assert.InRange(mostAhead, 1, (int)((Prefetch.Batches + 2) * Prefetch.BatchBytes >> 20) + 2);
    }
}

using Ferry.Engines;

namespace Ferry.Verify;

/// <summary>
/// Finds the rows that differ as data-diff does: split the table into key ranges, compare each range's checksum
/// on both sides, split again only the ranges that differ, and read rows only where a range is small — there
/// both sides' rows are merged by key (<see cref="KeyMerge"/>). Adjacent small ranges are read as one, so a
/// small table costs one read a side. Where a database sums ranges in SQL only hashes cross the network; a
/// side that cannot is streamed a range at a time, never held.
/// </summary>
internal sealed class Bisection(TablePair pair, RangeSide source, RangeSide target, KeyMerge merge)
{
    /// <summary>Ranges a range is split into at once (data-diff's bisection factor).</summary>
    public const int Segments = 32;

    /// <summary>A range holding at most this many rows on the larger side is read and merged rather than split again.</summary>
    public const long LeafRows = 10_000;

    private readonly KeyRanges _ranges = new(pair, source, target, Segments);

    /// <returns>
    /// The whole table's checksum on each side (the sum of its ranges'), and why its rows could not be named
    /// when they could not (a key that repeats on one side).
    /// </returns>
    public async Task<(RangeChecksum Source, RangeChecksum Target, string? Note)> RunAsync(CancellationToken ct)
    {
        // A key whose first column is an integer splits without reading rows: the first level's checksums are the
        // table's too. Any other key is split where the rows are, so their number comes first, from the whole table's.
        var boundaries = _ranges.Integer ? await _ranges.SplitAsync(KeyRange.All, 0, 0, ct).ConfigureAwait(false) : [];
        var (left, right) = await BothAsync(KeyRange.All, boundaries, ct).ConfigureAwait(false);
        try
        {
            await DescendAsync(KeyRange.All, boundaries, left, right, ct).ConfigureAwait(false);
            return (Total(left), Total(right), null);
        }
        catch (KeyMerge.NotInKeyOrderException unordered)
        {
            return (Total(left), Total(right), unordered.Message);
        }
    }

    /// <summary>The segments of <paramref name="range"/> at <paramref name="boundaries"/> whose checksums differ, split again or merged, in key order.</summary>
    private async Task DescendAsync(KeyRange range, IReadOnlyList<object[]> boundaries, RangeChecksum[] left, RangeChecksum[] right, CancellationToken ct)
    {
        // Most ranges differ (a column every row of which changed): splitting further would read them all again,
        // so the whole range is merged in one pass, as it would be without bisection.
        if (boundaries.Count > 0 && left.Where((sum, i) => sum != right[i]).Count() * 2 > left.Length)
        {
            await merge.RunAsync(range, ct).ConfigureAwait(false);
            return;
        }
        // A run of segments read as one range: from a small differing segment to the last one after it, while
        // the rows it holds (those of equal segments between them too) stay few.
        (int First, int Last, long Rows)? run = null;
        async Task FlushAsync()
        {
            if (run is { } r) await merge.RunAsync(Span(range, boundaries, r.First, r.Last), ct).ConfigureAwait(false);
            run = null;
        }
        for (var i = 0; i < left.Length; i++)
        {
            var rows = Math.Max(left[i].Rows, right[i].Rows);
            if (left[i] == right[i])
            {
                if (run is { } open) run = open with { Rows = open.Rows + rows };
                continue;
            }
            if (rows <= LeafRows)
            {
                if (run is { } open && open.Rows + rows <= LeafRows)
                {
                    run = (open.First, i, open.Rows + rows);
                    continue;
                }
                await FlushAsync().ConfigureAwait(false);
                run = (i, i, rows);
                continue;
            }
            await FlushAsync().ConfigureAwait(false);
            await SplitAsync(Span(range, boundaries, i, i), rows, left[i].Rows, ct).ConfigureAwait(false);
        }
        await FlushAsync().ConfigureAwait(false);
    }

    private async Task SplitAsync(KeyRange range, long rows, long sourceRows, CancellationToken ct)
    {
        var boundaries = await _ranges.SplitAsync(range, rows, sourceRows, ct).ConfigureAwait(false);
        if (boundaries.Count == 0)
        {
            // One key, or keys that repeat: nothing left to split by.
            await merge.RunAsync(range, ct).ConfigureAwait(false);
            return;
        }
        var (left, right) = await BothAsync(range, boundaries, ct).ConfigureAwait(false);
        await DescendAsync(range, boundaries, left, right, ct).ConfigureAwait(false);
    }

    /// <summary>Both sides at once, each on its own connection: the slower side sets the pace.</summary>
    private async Task<(RangeChecksum[] Source, RangeChecksum[] Target)> BothAsync(KeyRange range, IReadOnlyList<object[]> boundaries, CancellationToken ct)
    {
        var sums = await Task.WhenAll(source.ChecksumsAsync(range, boundaries, ct), target.ChecksumsAsync(range, boundaries, ct)).ConfigureAwait(false);
        return (sums[0], sums[1]);
    }

    /// <summary>Segments <paramref name="first"/> to <paramref name="last"/> of a range split at its boundaries, as one range.</summary>
    private static KeyRange Span(KeyRange range, IReadOnlyList<object[]> boundaries, int first, int last) =>
        new(first == 0 ? range.From : boundaries[first - 1], last == boundaries.Count ? range.Until : boundaries[last]);

    private static RangeChecksum Total(RangeChecksum[] sums) => sums.Aggregate(default(RangeChecksum), (a, b) => a + b);
}

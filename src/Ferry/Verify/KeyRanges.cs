using System.Globalization;
using Ferry.Engines;
using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Verify;

/// <summary>
/// Where a key range is split for bisection, in the key order verify already merges by: an integer key's span
/// arithmetically (its smallest and largest key on either side asked once), a text key at every n-th key of a
/// key-only ordered scan of the side holding more rows in the range. Boundaries are integers or texts, which
/// every engine compares alike (texts by their bytes).
/// </summary>
internal sealed class KeyRanges(TablePair pair, RangeSide source, RangeSide target, int segments)
{
    private (long Min, long Max)? _span;
    private bool _spanRead;

    /// <summary>True for a one-column key whose values both sides hold as integers, or both as texts.</summary>
    public static bool Supports(TablePair pair) =>
        pair.Key.Length == 1 && KindOf(pair) is not null;

    public bool Integer => KindOf(pair) == NeutralType.Int64;

    private static NeutralType? KindOf(TablePair pair)
    {
        var c = pair.Key[0];
        var (a, b) = (pair.Source.Columns[c].Type, pair.Target.Columns[c].Type);
        bool IsInteger(NeutralType t) => t is NeutralType.Int16 or NeutralType.Int32 or NeutralType.Int64;
        if (IsInteger(a) && IsInteger(b) && (pair.Verbatim || IsInteger(pair.Types[c]))) return NeutralType.Int64;
        if (a == NeutralType.Text && b == NeutralType.Text && (pair.Verbatim || pair.Types[c] == NeutralType.Text)) return NeutralType.Text;
        return null;
    }

    /// <summary>Boundaries strictly inside <paramref name="range"/>, at most <c>segments - 1</c>; none when it cannot be split.</summary>
    /// <param name="rows">How many rows the range holds on the larger side, as its checksums counted.</param>
    /// <param name="sourceRows">How many of them the source holds: the side a text key's boundaries are read from, unless it holds none.</param>
    public async Task<IReadOnlyList<object>> SplitAsync(KeyRange range, long rows, long sourceRows, CancellationToken ct) =>
        Integer ? await SplitIntegersAsync(range, ct).ConfigureAwait(false) : await SplitTextsAsync(range, rows, sourceRows, ct).ConfigureAwait(false);

    private async Task<IReadOnlyList<object>> SplitIntegersAsync(KeyRange range, CancellationToken ct)
    {
        if (!_spanRead)
        {
            var spans = await Task.WhenAll(source.KeySpanAsync(ct), target.KeySpanAsync(ct)).ConfigureAwait(false);
            var ends = spans.SelectMany(s => new[] { s.Min, s.Max }).Where(v => v is not null).Select(v => Convert.ToInt64(v, CultureInfo.InvariantCulture)).ToList();
            _span = ends.Count == 0 ? null : (ends.Min(), ends.Max());
            _spanRead = true;
        }
        if (_span is not { } span) return [];
        Int128 lo = range.From is { } from ? Convert.ToInt64(from, CultureInfo.InvariantCulture) : span.Min;
        Int128 hi = range.Until is { } until ? Convert.ToInt64(until, CultureInfo.InvariantCulture) : (Int128)span.Max + 1;
        var width = hi - lo;
        var count = (int)Int128.Min(segments, width);
        var boundaries = new List<object>();
        for (var i = 1; i < count; i++)
        {
            var at = lo + width * i / count;
            if (at > lo && at < hi && (boundaries.Count == 0 || (long)boundaries[^1] < at)) boundaries.Add((long)at);
        }
        return boundaries;
    }

    private async Task<IReadOnlyList<object>> SplitTextsAsync(KeyRange range, long rows, long sourceRows, CancellationToken ct)
    {
        var side = sourceRows > 0 ? source : target;
        var step = Math.Max(1, rows / segments);
        var boundaries = new List<object>();
        long index = 0;
        string? previous = range.From as string;
        await foreach (var key in side.KeysAsync(range, ct).ConfigureAwait(false))
        {
            if (++index % step != 0 || boundaries.Count == segments - 1) continue;
            var text = key switch { string s => s, Utf8Text t => t.ToString(), _ => null };
            // Past the range's start and the boundary before it by bytes, as every engine compares them; not one
            // holding a NUL, which no SQL literal can (SQLite's own key may).
            if (text is null || text.Contains('\0', StringComparison.Ordinal)
                || (previous is not null && CanonicalOrder.Compare(previous, text, NeutralType.Text) >= 0)) continue;
            boundaries.Add(text);
            previous = text;
        }
        return boundaries;
    }
}

using System.Buffers;
using Ferry.Engines;

namespace Ferry.Verify;

/// <summary>
/// Both sides of a key range in key order, merged: a key on one side only is a missing or extra row, a key on
/// both is compared column by column. Every difference is counted; the first <see cref="VerifyOptions.MaxDiffs"/>
/// are kept. A whole table is the range <see cref="KeyRange.All"/>; bisection merges only the ranges whose checksums differ.
/// </summary>
/// <param name="extra">Handed each row the target holds and the source does not (a sync deleting them), whatever <paramref name="maxDiffs"/> is.</param>
internal sealed class KeyMerge(TablePair pair, RangeSide source, RangeSide target, int maxDiffs, Action<object?[]>? extra = null)
{
    private readonly List<RowDifference> _listed = [];

    public long Count { get; private set; }

    public IReadOnlyList<RowDifference> Listed => _listed;

    private void Found(RowDifference difference)
    {
        Count++;
        if (_listed.Count < maxDiffs) _listed.Add(difference);
    }

    public async Task RunAsync(KeyRange range, CancellationToken ct)
    {
        await using var left = new Ordered(pair, source.RowsAsync(range, ordered: true, ct), fromSource: true);
        await using var right = new Ordered(pair, target.RowsAsync(range, ordered: true, ct), fromSource: false);
        var (hasLeft, hasRight) = (await left.NextAsync().ConfigureAwait(false), await right.NextAsync().ConfigureAwait(false));
        var a = new ArrayBufferWriter<byte>();
        var b = new ArrayBufferWriter<byte>();
        while (hasLeft || hasRight)
        {
            var order = !hasLeft ? 1 : !hasRight ? -1 : pair.CompareKeys(left.Row, right.Row);
            if (order < 0)
            {
                Found(new RowDifference(pair.Name, pair.KeyText(left.Row), DifferenceKind.Missing));
                hasLeft = await left.NextAsync().ConfigureAwait(false);
                continue;
            }
            if (order > 0)
            {
                Found(new RowDifference(pair.Name, pair.KeyText(right.Row), DifferenceKind.Extra));
                extra?.Invoke(right.Row);
                hasRight = await right.NextAsync().ConfigureAwait(false);
                continue;
            }
            for (var c = 0; c < pair.Types.Length; c++)
            {
                a.ResetWrittenCount();
                b.ResetWrittenCount();
                pair.Encode(a, left.Row[c], c);
                pair.Encode(b, right.Row[c], c);
                if (a.WrittenSpan.SequenceEqual(b.WrittenSpan)) continue;
                var kind = left.Row[c] is TablePair.Refusal ? DifferenceKind.Refused : DifferenceKind.Changed;
                Found(new RowDifference(pair.Name, pair.KeyText(left.Row), kind, pair.Source.Columns[c].Name, pair.Display(left.Row[c], c), pair.Display(right.Row[c], c)));
            }
            (hasLeft, hasRight) = (await left.NextAsync().ConfigureAwait(false), await right.NextAsync().ConfigureAwait(false));
        }
    }

    /// <summary>
    /// One side's rows in key order (a source's already converted); a row whose key sorts before the one before
    /// it means the engine did not order as asked, and merging on would name wrong rows.
    /// </summary>
    private sealed class Ordered(TablePair pair, IAsyncEnumerable<object?[]> rows, bool fromSource) : IAsyncDisposable
    {
        private readonly IAsyncEnumerator<object?[]> _rows = rows.GetAsyncEnumerator();
        private object?[]? _previous;

        public object?[] Row { get; private set; } = [];

        public async Task<bool> NextAsync()
        {
            if (!await _rows.MoveNextAsync().ConfigureAwait(false)) return false;
            var row = _rows.Current;
            if (_previous is not null && pair.CompareKeys(_previous, row) >= 0)
                throw new NotInKeyOrderException(pair.CompareKeys(_previous, row) == 0
                    ? $"the {(fromSource ? "source" : "target")}'s primary key of {pair.Name} holds {pair.KeyText(row)} twice (SQLite lets a key hold NULLs), so its rows cannot be named by key"
                    : $"the {(fromSource ? "source" : "target")}'s rows of {pair.Name} did not arrive in key order ({pair.KeyText(_previous)} before {pair.KeyText(row)}), so they cannot be named by key");
            _previous = Row = row;
            return true;
        }

        public ValueTask DisposeAsync() => _rows.DisposeAsync();
    }

    /// <summary>A side whose key does not order its rows one by one: a NULL or repeated key, or an engine that sorted otherwise.</summary>
    internal sealed class NotInKeyOrderException(string message) : Exception(message);
}

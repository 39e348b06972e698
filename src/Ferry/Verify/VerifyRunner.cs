using System.Diagnostics;
using System.Buffers;
using Ferry.Connections;
using Ferry.Copy;
using Ferry.Engines;
using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Verify;

/// <summary>
/// Compares a source with the target it was copied into: tables and columns, row counts, content checksums
/// over the canonical encoding, and the rows that differ, by key. "Equal" is what it is in the copy: a source
/// value goes through the conversion a copy plans for its column, then both sides are encoded canonically.
/// Both sides are only read, at the same time, a table at a time, with memory flat as tables grow.
/// </summary>
public sealed class VerifyRunner(IDatabase source, IDatabase target, VerifyOptions options, IProgress<CopyEvent>? progress = null)
{
    /// <param name="copied">The plan of the copy being verified, when there is one (copy --verify): its conversions,
    /// casts included, are the ones to compare by, and the source is not profiled a second time.</param>
    public async Task<VerifyReport> RunAsync(CancellationToken ct, CopyPlan? copied = null)
    {
        var clock = Stopwatch.StartNew();
        var plan = copied ?? await CopyPlanner.PlanAsync(source, target.Target.Engine, new CopyOptions { Tables = options.Tables, Exclude = options.Exclude }, ct).ConfigureAwait(false);
        var there = await target.ReadSchemaWithoutSizesAsync(ct).ConfigureAwait(false);
        // Each side is read as one moment: a table compared early and one compared late agree with each other.
        await using var sourceSnapshot = await source.BeginSnapshotAsync(ct).ConfigureAwait(false);
        await using var targetSnapshot = await target.BeginSnapshotAsync(ct).ConfigureAwait(false);
        var comparison = options.IgnoreCaseNames ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var verdicts = new List<TableVerdict>();
        var paired = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in plan.Tables)
        {
            var match = there.Tables.FirstOrDefault(t => string.Equals(t.Name, table.Target.Name, comparison));
            if (match is null)
            {
                verdicts.Add(new TableVerdict { Table = table.Target.Name, Status = TableStatus.OnlyInSource, SourceRows = table.Source.RowCount });
                continue;
            }
            paired.Add(match.Name);
            VerifyProgress.Started(progress, table);
            var pair = TablePair.Of(table, match, target.Target.Engine, options.IgnoreCaseNames);
            verdicts.Add(await VerifyTableAsync(pair, ct).ConfigureAwait(false) with { Schema = SchemaComparison.Of(plan, table, match, options.IgnoreCaseNames) });
            VerifyProgress.Done(progress, verdicts[^1]);
        }
        var selection = new TableSelection(options.Tables, options.Exclude);
        foreach (var extra in selection.Apply(there.Tables).Where(t => !paired.Contains(t.Name)))
            verdicts.Add(new TableVerdict { Table = extra.Name, Status = TableStatus.OnlyInTarget, TargetRows = extra.RowCount });
        return new VerifyReport { Level = options.Level, Tables = verdicts, Elapsed = clock.Elapsed };
    }

    private async Task<TableVerdict> VerifyTableAsync(TablePair pair, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        if (options.Level == VerifyLevel.Counts)
        {
            var counts = await Task.WhenAll(RowCount.OfAsync(source, pair.Source, ct), RowCount.OfAsync(target, pair.Target, ct)).ConfigureAwait(false);
            return new TableVerdict
            {
                Table = pair.Name, Status = counts[0] == counts[1] ? TableStatus.Same : TableStatus.Differs,
                SourceRows = counts[0], TargetRows = counts[1], Elapsed = clock.Elapsed,
            };
        }
        // Both sides at once, each on its own thread: the slower side sets the pace.
        var digests = await Task.WhenAll(DigestAsync(pair, fromSource: true, ct), DigestAsync(pair, fromSource: false, ct)).ConfigureAwait(false);
        var (theirs, ours) = (digests[0], digests[1]);
        var same = theirs.SameAs(ours);
        var verdict = new TableVerdict
        {
            Table = pair.Name, Status = same ? TableStatus.Same : TableStatus.Differs, SourceRows = theirs.Rows, TargetRows = ours.Rows,
            SourceChecksum = theirs.Hex, TargetChecksum = ours.Hex, Differences = same ? 0 : null,
        };
        if (!same && options.Level == VerifyLevel.Rows && pair.Key.Length > 0)
        {
            try
            {
                var (count, listed) = await DifferencesAsync(pair, ct).ConfigureAwait(false);
                verdict = verdict with { Differences = count, Listed = listed };
            }
            catch (NotInKeyOrderException unordered)
            {
                // Its checksums still prove the difference; only the rows cannot be named. The other tables go on.
                verdict = verdict with { Note = unordered.Message };
            }
        }
        return verdict with { Elapsed = clock.Elapsed };
    }

    private async Task<ContentDigest> DigestAsync(TablePair pair, bool fromSource, CancellationToken ct)
    {
        var digest = new ContentDigest();
        var buffer = new ArrayBufferWriter<byte>(256);
        var converted = new object?[pair.Types.Length];
        await foreach (var row in Read(pair, fromSource, ordered: false, ct).ConfigureAwait(false))
        {
            buffer.ResetWrittenCount();
            if (fromSource)
            {
                pair.Convert(row, converted);
                pair.Encode(buffer, converted);
            }
            else
            {
                pair.Encode(buffer, row);
            }
            digest.Add(buffer.WrittenSpan);
        }
        return digest;
    }

    /// <summary>
    /// Both sides in key order, merged: a key on one side only is a missing or extra row, a key on both is
    /// compared column by column. Every difference is counted; the first <see cref="VerifyOptions.MaxDiffs"/> are kept.
    /// </summary>
    private async Task<(long Count, List<RowDifference> Listed)> DifferencesAsync(TablePair pair, CancellationToken ct)
    {
        long count = 0;
        var listed = new List<RowDifference>();
        void Found(RowDifference difference)
        {
            count++;
            if (listed.Count < options.MaxDiffs) listed.Add(difference);
        }
        await using var left = new Ordered(pair, Read(pair, fromSource: true, ordered: true, ct), fromSource: true);
        await using var right = new Ordered(pair, Read(pair, fromSource: false, ordered: true, ct), fromSource: false);
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
                Found(new RowDifference(pair.Name, pair.KeyText(left.Row), kind, pair.Source.Columns[c].Name, TablePair.Display(left.Row[c]), TablePair.Display(right.Row[c])));
            }
            (hasLeft, hasRight) = (await left.NextAsync().ConfigureAwait(false), await right.NextAsync().ConfigureAwait(false));
        }
        return (count, listed);
    }

    private IAsyncEnumerable<object?[]> Read(TablePair pair, bool fromSource, bool ordered, CancellationToken ct)
    {
        var read = new RowReadOptions { Verbatim = pair.Verbatim, OrderedByKey = ordered };
        var rows = fromSource ? VerifyProgress.Counted(source.ReadRowsAsync(pair.Source, read, ct), pair.Name, progress, ct) : target.ReadRowsAsync(pair.Target, read, ct);
        return Prefetch.ReadAhead(rows, ct);
    }

    /// <summary>
    /// One side's rows in key order, source rows converted as the copy converts them; a row whose key sorts
    /// before the one before it means the engine did not order as asked, and merging on would name wrong rows.
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
            if (fromSource)
            {
                var converted = new object?[row.Length];
                pair.Convert(row, converted);
                row = converted;
            }
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
    private sealed class NotInKeyOrderException(string message) : Exception(message);
}

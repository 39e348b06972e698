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
        var (left, right) = (new RangeSide(source, pair, fromSource: true, progress), new RangeSide(target, pair, fromSource: false));
        RangeSide.Agree(left, right);
        var merge = new KeyMerge(pair, left, right, options.MaxDiffs);
        var verdict = options.Level == VerifyLevel.Rows && KeyRanges.Supports(pair)
            ? await BisectAsync(pair, new Bisection(pair, left, right, merge), merge, ct).ConfigureAwait(false)
            : await ChecksumAsync(pair, left, right, merge, ct).ConfigureAwait(false);
        return verdict with { RoundTrips = left.RoundTrips + right.RoundTrips, RowsRead = left.RowsRead + right.RowsRead, Elapsed = clock.Elapsed };
    }

    /// <summary>Only the ranges whose checksums differ are read (<see cref="Bisection"/>); their rows are named.</summary>
    private static async Task<TableVerdict> BisectAsync(TablePair pair, Bisection bisection, KeyMerge merge, CancellationToken ct)
    {
        var (theirs, ours, note) = await bisection.RunAsync(ct).ConfigureAwait(false);
        var differs = note is not null || merge.Count > 0;
        return new TableVerdict
        {
            Table = pair.Name, Status = differs ? TableStatus.Differs : TableStatus.Same, SourceRows = theirs.Rows, TargetRows = ours.Rows,
            SourceChecksum = theirs.Hex, TargetChecksum = ours.Hex,
            Differences = note is null ? merge.Count : null, Listed = merge.Listed,
            // Checksums that differ where no row does: a value whose hash text one engine writes otherwise than the spec.
            Note = note ?? (theirs != ours && !differs ? "the range checksums differ, yet every row compares equal" : null),
        };
    }

    /// <summary>The whole table's checksum on each side; at the rows level, a table whose key bisection cannot split is merged whole.</summary>
    private async Task<TableVerdict> ChecksumAsync(TablePair pair, RangeSide left, RangeSide right, KeyMerge merge, CancellationToken ct)
    {
        // Both sides at once, each on its own thread: the slower side sets the pace. Where a database sums in SQL,
        // only two numbers travel from it, and the other side is hashed as the range checksums hash it.
        (long Rows, string Hex) theirs, ours;
        if (left.InSql || right.InSql)
        {
            var sums = await Task.WhenAll(left.ChecksumsAsync(KeyRange.All, [], ct), right.ChecksumsAsync(KeyRange.All, [], ct)).ConfigureAwait(false);
            (theirs, ours) = ((sums[0][0].Rows, sums[0][0].Hex), (sums[1][0].Rows, sums[1][0].Hex));
        }
        else
        {
            var digests = await Task.WhenAll(DigestAsync(pair, left, ct), DigestAsync(pair, right, ct)).ConfigureAwait(false);
            (theirs, ours) = ((digests[0].Rows, digests[0].Hex), (digests[1].Rows, digests[1].Hex));
        }
        var same = theirs == ours;
        var verdict = new TableVerdict
        {
            Table = pair.Name, Status = same ? TableStatus.Same : TableStatus.Differs, SourceRows = theirs.Rows, TargetRows = ours.Rows,
            SourceChecksum = theirs.Hex, TargetChecksum = ours.Hex, Differences = same ? 0 : null,
        };
        if (!same && options.Level == VerifyLevel.Rows && pair.Key.Length > 0)
        {
            try
            {
                await merge.RunAsync(KeyRange.All, ct).ConfigureAwait(false);
                verdict = verdict with { Differences = merge.Count, Listed = merge.Listed };
            }
            catch (KeyMerge.NotInKeyOrderException unordered)
            {
                // Its checksums still prove the difference; only the rows cannot be named. The other tables go on.
                verdict = verdict with { Note = unordered.Message };
            }
        }
        return verdict;
    }

    private static async Task<ContentDigest> DigestAsync(TablePair pair, RangeSide side, CancellationToken ct)
    {
        var digest = new ContentDigest();
        var buffer = new ArrayBufferWriter<byte>(256);
        await foreach (var row in side.RowsAsync(KeyRange.All, ordered: false, ct).ConfigureAwait(false))
        {
            buffer.ResetWrittenCount();
            pair.Encode(buffer, row);
            digest.Add(buffer.WrittenSpan);
        }
        return digest;
    }
}

using System.Runtime.CompilerServices;
using Ferry.Copy;

namespace Ferry.Verify;

/// <summary>
/// Rows compared in a table, told as a copy tells rows copied (<see cref="CopyEvent"/>), so one front end shows
/// both: a progress bar per table on a terminal. Only the source side is counted: both sides are read at once and
/// the row counts are the verdict's to compare, not the bar's.
/// </summary>
internal static class VerifyProgress
{
    public static IAsyncEnumerable<object?[]> Counted(IAsyncEnumerable<object?[]> rows, string table, IProgress<CopyEvent>? progress, CancellationToken ct) =>
        progress is null ? rows : Counting(rows, table, progress, ct);

    public static void Started(IProgress<CopyEvent>? progress, TablePlan table) =>
        progress?.Report(new CopyEvent.TableStarted(table.Target.Name, table.Source.RowCount));

    public static void Done(IProgress<CopyEvent>? progress, TableVerdict verdict) =>
        progress?.Report(new CopyEvent.TableDone(new TableReport { Table = verdict.Table, Read = verdict.SourceRows ?? 0, Written = verdict.TargetRows ?? 0, Elapsed = verdict.Elapsed }));

    private static async IAsyncEnumerable<object?[]> Counting(IAsyncEnumerable<object?[]> rows, string table, IProgress<CopyEvent> progress, [EnumeratorCancellation] CancellationToken ct)
    {
        long read = 0;
        await foreach (var row in rows.WithCancellation(ct).ConfigureAwait(false))
        {
            if (++read % CopyEvent.RowsEvery == 0) progress.Report(new CopyEvent.Rows(table, read, read));
            yield return row;
        }
    }
}

using Ferry.Schema;

namespace Ferry.Sync;

/// <summary>
/// Which rows of a table a run reads: those whose column is at or past a watermark, or all of them.
/// <para>
/// A row written by a transaction took its value (a clock reading, a sequence number) before it committed. If
/// transactions stay open at most <see cref="SyncOptions.Overlap"/>, a row the last run could not see yet took its
/// value after <c>last.TakenAt - overlap</c>, so it is at or past any mark taken before that moment: the run starts
/// from the newest such mark. That needs no arithmetic on the column's type, so it holds for any column that grows.
/// Until a mark that old exists, the run starts from the first mark, taken before the first copy read the table.
/// </para>
/// </summary>
public sealed record SyncWindow(RowFilter? Filter, SyncMark? From, string Description, string? Note)
{
    public static SyncWindow Choose(string table, string column, IReadOnlyList<SyncMark> history, TimeSpan overlap)
    {
        var marks = history.Where(m => m.Table == table).ToList();
        if (marks.Count == 0) return new SyncWindow(null, null, "all rows: first sync", null);
        if (marks.Any(m => m.Column != column))
            return new SyncWindow(null, null, $"all rows: the watermark was on {marks[^1].Column}, now on {column}", null);
        var last = marks[^1];
        var old = marks.LastOrDefault(m => m.TakenAt <= last.TakenAt - overlap);
        var from = old ?? marks[0];
        var note = old is null && overlap > TimeSpan.Zero
            ? $"the overlap of {overlap} reaches back before the first watermark (taken {from.TakenAt:u}); a transaction open then and committed after the first copy would not be re-read"
            : null;
        return from.Empty
            ? new SyncWindow(null, from, "all rows: the table was empty at the watermark", note)
            : new SyncWindow(new RowFilter(column, from.Literal), from, $"{column} >= {from.Literal}", note);
    }
}

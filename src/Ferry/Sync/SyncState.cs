using System.Globalization;
using Ferry.Engines;

namespace Ferry.Sync;

/// <summary>
/// <c>ferry_sync_state</c> on the target: the watermarks of the runs that finished, a few per table, so a run
/// knows where to start reading and a sync killed at any point starts again from the last finished run. A row
/// is added only after a run's rows are written (one INSERT for all its tables, so a run's marks land together).
/// The column types are ones every engine spells the same.
/// </summary>
public sealed class SyncState(ISqlSession session)
{
    public const string TableName = Schema.FerryTables.SyncState;

    private const string TimeFormat = "yyyy-MM-ddTHH:mm:ss.fffffffZ";

    private ISqlDialect D => session.Dialect;

    private string Quoted => D.Quote(TableName);

    public Task CreateAsync(CancellationToken ct) => session.ExecuteAsync(
        $"CREATE TABLE IF NOT EXISTS {Quoted} (table_name varchar(255) NOT NULL, by_column varchar(255) NOT NULL, mark text NOT NULL, " +
        "taken_at varchar(40) NOT NULL, PRIMARY KEY (table_name, taken_at))", ct);

    /// <summary>Every mark, oldest first; a mark that is not one literal (a hand-edited row) is refused rather than run as SQL.</summary>
    public async Task<IReadOnlyList<SyncMark>> ReadAsync(CancellationToken ct)
    {
        var rows = await session.QueryAsync($"SELECT table_name, by_column, mark, taken_at FROM {Quoted} ORDER BY taken_at", ct).ConfigureAwait(false);
        return rows.Select(r => new SyncMark((string)r[0]!, (string)r[1]!, MarkLiteral.Checked((string)r[2]!, session.Target.Engine, (string)r[0]!),
            DateTime.ParseExact((string)r[3]!, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal))).ToList();
    }

    public Task RecordAsync(IReadOnlyList<SyncMark> marks, CancellationToken ct) => marks.Count == 0 ? Task.CompletedTask : session.ExecuteAsync(
        $"INSERT INTO {Quoted} (table_name, by_column, mark, taken_at) VALUES " +
        string.Join(", ", marks.Select(m => $"({D.QuoteLiteral(m.Table)}, {D.QuoteLiteral(m.Column)}, {D.QuoteLiteral(m.Literal)}, {D.QuoteLiteral(Time(m.TakenAt))})")), ct);

    /// <summary>Drops a table's marks older than <paramref name="kept"/>: no later run starts before the mark this one started from.</summary>
    public Task ForgetBeforeAsync(SyncMark kept, CancellationToken ct) => session.ExecuteAsync(
        $"DELETE FROM {Quoted} WHERE table_name = {D.QuoteLiteral(kept.Table)} AND taken_at < {D.QuoteLiteral(Time(kept.TakenAt))}", ct);

    private static string Time(DateTime utc) => utc.ToString(TimeFormat, CultureInfo.InvariantCulture);
}

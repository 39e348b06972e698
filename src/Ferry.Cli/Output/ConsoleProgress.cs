using System.Globalization;
using Ferry.Copy;

namespace Ferry.Cli.Output;

/// <summary>Plain progress lines: one per step and per table, readable in a terminal and in a log alike.</summary>
public sealed class ConsoleProgress : IProgress<CopyEvent>
{
    // A log needs a sign of life, not a line per ten thousand rows.
    private static readonly TimeSpan RowsEvery = TimeSpan.FromSeconds(5);
    private DateTime _lastRows = DateTime.MinValue;

    public void Report(CopyEvent value)
    {
        if (value is CopyEvent.Rows)
        {
            if (DateTime.UtcNow - _lastRows < RowsEvery) return;
            _lastRows = DateTime.UtcNow;
        }
        var line = value switch
        {
            CopyEvent.Step s => s.Text,
            CopyEvent.TableStarted t => $"Copying {t.Table}" + (t.ExpectedRows is { } n ? string.Create(CultureInfo.InvariantCulture, $" ({n:N0} rows)") : ""),
            CopyEvent.Rows r => string.Create(CultureInfo.InvariantCulture, $"  {r.Table}: {r.Read:N0} rows read"),
            CopyEvent.TableDone d => FormattableString.Invariant($"  {d.Report.Table}: {d.Report.Written:N0} written")
                + (d.Report.Refused > 0 ? FormattableString.Invariant($", {d.Report.Refused:N0} refused") : "")
                + FormattableString.Invariant($" in {d.Report.Elapsed.TotalSeconds:0.0} s ({d.Report.RowsPerSecond:N0} rows/s)"),
            _ => null,
        };
        if (line is not null) Console.Error.WriteLine(line);
    }
}

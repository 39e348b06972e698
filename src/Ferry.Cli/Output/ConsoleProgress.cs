using System.Globalization;
using Ferry.Copy;

namespace Ferry.Cli.Output;

/// <summary>Plain progress lines: one per step and per table, readable in a terminal and in a log alike.</summary>
public sealed class ConsoleProgress : IProgress<CopyEvent>
{
    public void Report(CopyEvent value)
    {
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

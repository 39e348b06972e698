using Ferry.Copy;
using Spectre.Console;

namespace Ferry.Cli.Output;

/// <summary>
/// A progress bar per table — rows, rows/s, time left — for a person at a terminal. Redirected output
/// gets <see cref="ConsoleProgress"/>'s plain lines instead, which read well in a log.
/// </summary>
public sealed class TerminalProgress(ProgressContext context) : IProgress<CopyEvent>
{
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);

    public static async Task<T> RunAsync<T>(Func<IProgress<CopyEvent>, Task<T>> work)
    {
        if (Console.IsErrorRedirected) return await work(new ConsoleProgress());
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RowsColumn(), new RateColumn(), new RemainingTimeColumn())
            .StartAsync(context => work(new TerminalProgress(context)));
    }

    public void Report(CopyEvent value)
    {
        // With --jobs, tables report from several threads at once.
        lock (_tasks) Apply(value);
    }

    private void Apply(CopyEvent value)
    {
        switch (value)
        {
            case CopyEvent.TableStarted started:
                _tasks[started.Table] = context.AddTask(Markup.Escape(started.Table), maxValue: Math.Max(1, started.ExpectedRows ?? 1));
                break;
            case CopyEvent.Rows rows when _tasks.TryGetValue(rows.Table, out var task):
                task.Value = rows.Read;
                break;
            case CopyEvent.TableDone done when _tasks.TryGetValue(done.Report.Table, out var task):
                task.MaxValue = Math.Max(1, done.Report.Read);
                task.Value = done.Report.Read;
                task.StopTask();
                break;
        }
    }

    /// <summary>"12,345 / 50,000 rows".</summary>
    private sealed class RowsColumn : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(FormattableString.Invariant($"{task.Value:N0} / {task.MaxValue:N0} rows"));
    }

    /// <summary>Rows per second since the table started (Spectre's own estimate jumps when a small table ends at once).</summary>
    private sealed class RateColumn : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.ElapsedTime is { TotalSeconds: > 0.01 } elapsed ? FormattableString.Invariant($"{task.Value / elapsed.TotalSeconds:N0} rows/s") : "");
    }
}

using System.CommandLine;
using Ferry.Cli.Output;
using Ferry.Copy;
using Ferry.Engines;
using Ferry.Sync;

namespace Ferry.Cli.Commands;

/// <summary>
/// <c>ferry sync SOURCE TARGET --by updated_at</c>: keeps a new database current until cut-over. The first run copies
/// each table whole; each later run upserts only the rows at or past the table's watermark (with an overlap, for
/// transactions that commit late). <c>--follow</c> repeats until Ctrl-C, which leaves the last finished run's watermark.
/// </summary>
public static class SyncCommand
{
    public static Command Create()
    {
        var source = CommonOptions.Url("source", "The database synced from (opened read-only)");
        var target = CommonOptions.Url("target", "The database kept current; it holds the watermarks in ferry_sync_state");
        var tables = CommonOptions.Tables();
        var exclude = CommonOptions.Exclude();
        var by = new Option<string[]>("--by")
        {
            Description = "The column that grows with each change (updated_at) or each insert (an increasing key): COLUMN for every table, or TABLE.COLUMN",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var overlap = Durations.Option("--overlap", "How long a source transaction may stay open: rows written that much before the last run are read again (default 1m; 0s for none)", TimeSpan.FromMinutes(1), zero: true);
        var deletes = new Option<bool>("--detect-deletes") { Description = "Also delete from the target the rows whose key the source no longer holds (found by key-range checksums over the keys)" };
        var follow = new Option<bool>("--follow") { Description = "Run again every --interval until Ctrl-C" };
        var interval = Durations.Option("--interval", "Time between runs with --follow (default 5s)", TimeSpan.FromSeconds(5));
        var jobs = new Option<int>("--jobs") { Description = "Tables loaded in parallel (PostgreSQL and MySQL targets)", DefaultValueFactory = _ => 1 };
        var command = new Command("sync", "Copy what changed since the last run, upserting by primary key, so a new database stays current until cut-over")
        {
            source, target, tables, exclude, by, overlap, deletes, follow, interval, jobs, CommonOptions.Json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new SyncOptions
            {
                Tables = parse.GetValue(tables) ?? [],
                Exclude = parse.GetValue(exclude) ?? [],
                By = parse.GetValue(by) ?? [],
                Overlap = parse.GetValue(overlap),
                DetectDeletes = parse.GetValue(deletes),
                Jobs = parse.GetValue(jobs),
            };
            var json = parse.GetValue(CommonOptions.Json);
            var (from, to) = CommonOptions.SourceAndTarget(parse, source, target);
            await using var sourceDb = await CommonOptions.OpenAsync(parse, from, AccessMode.ReadOnly, ct);
            await using var targetDb = await CommonOptions.OpenAsync(parse, to, AccessMode.ReadWrite, ct);
            var failed = false;
            for (var run = 1; ; run++)
            {
                var runner = (IProgress<CopyEvent>? progress) => new SyncRunner(sourceDb, targetDb, options, progress).RunAsync(ct);
                SyncReport report;
                try
                {
                    report = json || Console.IsOutputRedirected ? await runner(null) : await TerminalProgress.RunAsync(runner);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    Console.Error.WriteLine($"ferry: stopped during run {run}; its watermarks were not recorded, so the next sync reads those rows again.");
                    return ExitCodes.Cancelled;
                }
                SyncRenderer.Report(from.Redacted, to.Redacted, report, json, run);
                failed |= report.Problems.Count > 0;
                if (!parse.GetValue(follow)) break;
                try
                {
                    await Task.Delay(parse.GetValue(interval), ct);
                }
                catch (OperationCanceledException)
                {
                    // On stderr whatever --json says: the JSON lines on stdout stay one object per run.
                    Console.Error.WriteLine($"ferry: stopped after {run} runs; the watermarks are those of the last one.");
                    break;
                }
            }
            return failed ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using Ferry.Cli.Output;
using Ferry.Connections;
using Ferry.Monitoring;

namespace Ferry.Cli.Commands;

/// <summary>
/// <c>ferry watch URL...</c>: the first hours after a move, watched. Each database is checked every interval
/// (reachable, round trip, sizes, sessions, the longest query) until Ctrl-C, or until one fails too often.
/// </summary>
public static class WatchCommand
{
    public static Command Create()
    {
        var urls = new Argument<string[]>("url") { Description = "The databases to watch (each opened read-only)", Arity = ArgumentArity.OneOrMore };
        var interval = Durations.Option("--interval", "Time between checks (default 10s)", TimeSpan.FromSeconds(10));
        var failAfter = new Option<int>("--fail-after") { Description = "Exit with code 3 once a database has failed this many checks in a row (default: never)" };
        var count = new Option<int?>("--count") { Description = "Stop after this many rounds of checks (default: until Ctrl-C)" };
        failAfter.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 0) r.AddError("--fail-after cannot be negative."); });
        count.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is < 1) r.AddError("--count must be at least 1."); });
        var command = new Command("watch", "Check databases again and again: reachability, round trip, sizes, connections, the longest query")
        {
            urls, interval, failAfter, count, CommonOptions.Json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var targets = parse.GetValue(urls)!.Select(u => CommonOptions.ParseTarget(parse, u)).ToList();
            var options = new WatchOptions
            {
                Interval = parse.GetValue(interval),
                Rounds = parse.GetValue(count),
                // A check may not outlast the interval by much, or one hung server would stall every other's report.
                Timeout = TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(interval).TotalSeconds, 2, 10)),
            };
            var limit = parse.GetValue(failAfter);
            var rounds = Watch.RoundsAsync(targets, options, ct);
            // JSON lines whenever stdout is not a person: a log file or a pipe to jq gets one object per sample.
            var stopped = parse.GetValue(CommonOptions.Json) || Console.IsOutputRedirected
                ? await WatchRenderer.LinesAsync(rounds, limit, Console.Out)
                : await WatchRenderer.LiveAsync(rounds, limit);
            if (stopped is null) return ExitCodes.Ok;
            Console.Error.WriteLine("ferry: " + SecretMasker.Scrub(
                $"{stopped.Where} failed {stopped.ConsecutiveFailures} checks in a row; the last: {stopped.Error}"));
            return ExitCodes.Connection;
        });
        return command;
    }
}

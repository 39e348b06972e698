using System.CommandLine;
using Ferry.Cli.Output;
using Ferry.Connections;
using Ferry.Copy;
using Ferry.Engines;
using Ferry.Verify;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry copy SOURCE TARGET</c>: tables and rows from one database into another, any engine to any engine.</summary>
public static class CopyCommand
{
    public static Command Create()
    {
        var source = CommonOptions.Url("source", "The database to copy from (opened read-only)");
        var target = CommonOptions.Url("target", "The database to copy into");
        var set = new CopyOptionSet(verify: true, cast: true);
        var command = new Command("copy", "Copy tables and rows from SOURCE to TARGET across engines, checking every value") { source, target };
        set.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (from, to) = CommonOptions.SourceAndTarget(parse, source, target);
            await using var sourceDb = await CommonOptions.OpenAsync(parse, from, AccessMode.ReadOnly, ct);
            // A second connection to an in-memory database would open another, empty one.
            Func<CancellationToken, Task<IDatabase>>? openSource = from.InMemory ? null : token => CommonOptions.OpenAsync(parse, from, AccessMode.ReadOnly, token);
            return await RunAsync(parse, set, sourceDb, openSource, to, ct);
        });
        return command;
    }

    /// <summary>Plans and runs a copy from an open source (a database, or an archive for ferry restore) into <paramref name="to"/>, and reports it.</summary>
    internal static async Task<int> RunAsync(ParseResult parse, CopyOptionSet set, IDatabase sourceDb, Func<CancellationToken, Task<IDatabase>>? openSource,
        ConnectionTarget to, CancellationToken ct)
    {
        var options = set.Read(parse);
        var json = parse.GetValue(CommonOptions.Json);
        var plan = await CopyPlanner.PlanAsync(sourceDb, to.Engine, options, ct, openSource);
        if (options.DryRun)
        {
            CopyRenderer.Plan(plan, json);
            return ExitCodes.Ok;
        }
        await using var targetDb = await CommonOptions.OpenAsync(parse, to, AccessMode.ReadWrite, ct);
        Func<CancellationToken, Task<IDatabase>>? openTarget = to.InMemory ? null : token => CommonOptions.OpenAsync(parse, to, AccessMode.ReadWrite, token);
        var runner = (IProgress<CopyEvent>? progress) => new CopyRunner(sourceDb, targetDb, options, progress, openSource, openTarget).RunAsync(plan, ct);
        var report = json ? await runner(null) : await TerminalProgress.RunAsync(progress => runner(progress));
        // The copy's own tables, compared as ferry verify compares them: what was refused or left out shows as a difference.
        var verified = set.Verify(parse) && !options.SchemaOnly
            ? await new VerifyRunner(sourceDb, targetDb, new VerifyOptions { Level = VerifyLevel.Checksums, Tables = options.Tables, Exclude = options.Exclude }).RunAsync(ct, plan)
            : null;
        CopyRenderer.Report(sourceDb.Target.Redacted, to.Redacted, report, json, verified);
        if (report.Problems.Count > 0) return ExitCodes.Failed;
        // Content decides, as --verify promises: the shape the copy could not make is in its warnings already.
        return verified is { SameContent: false } ? ExitCodes.Differs : ExitCodes.Ok;
    }
}

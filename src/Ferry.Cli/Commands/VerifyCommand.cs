using System.CommandLine;
using Ferry.Cli.Output;
using Ferry.Copy;
using Ferry.Engines;
using Ferry.Verify;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry verify SOURCE TARGET</c>: proves a copy by content, not by counts, and names the rows that differ.</summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var source = CommonOptions.Url("source", "The database copied from (opened read-only)");
        var target = CommonOptions.Url("target", "The database copied into (opened read-only)");
        var tables = CommonOptions.Tables();
        var exclude = CommonOptions.Exclude();
        var level = new Option<VerifyLevel>("--level") { Description = "counts, checksums, or rows (default: checksums, then the rows that differ)", DefaultValueFactory = _ => VerifyLevel.Rows };
        var maxDiffs = new Option<int>("--max-diffs") { Description = "Differences listed in full per table; the rest are counted (default 20)", DefaultValueFactory = _ => 20 };
        maxDiffs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0) result.AddError("--max-diffs cannot be negative.");
        });
        var ignoreCase = new Option<bool>("--ignore-case-names") { Description = "Pair tables and columns whose names differ only in case (a target whose tool folded them)" };
        var allowSchema = new Option<bool>("--allow-schema-differences")
        {
            Description = "List differences of types, nullability, keys, indexes, foreign keys and checks, but exit 0 when the columns and rows are the same",
        };
        var command = new Command("verify", "Compare SOURCE and TARGET: tables, columns, types, keys, indexes, row counts, checksums, and the rows that differ")
        {
            source, target, tables, exclude, level, maxDiffs, ignoreCase, allowSchema, CommonOptions.Json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new VerifyOptions
            {
                Level = parse.GetValue(level),
                Tables = parse.GetValue(tables) ?? [],
                Exclude = parse.GetValue(exclude) ?? [],
                MaxDiffs = parse.GetValue(maxDiffs),
                IgnoreCaseNames = parse.GetValue(ignoreCase),
            };
            var json = parse.GetValue(CommonOptions.Json);
            var from = CommonOptions.ParseTarget(parse, parse.GetValue(source)!);
            var to = CommonOptions.ParseTarget(parse, parse.GetValue(target)!);
            // Both sides are only read: a verification can run against a live database.
            await using var sourceDb = await CommonOptions.OpenAsync(parse, from, AccessMode.ReadOnly, ct);
            await using var targetDb = await CommonOptions.OpenAsync(parse, to, AccessMode.ReadOnly, ct);
            var runner = (IProgress<CopyEvent>? progress) => new VerifyRunner(sourceDb, targetDb, options, progress).RunAsync(ct);
            // Rows compared per table for a person watching; a script reading --json or a redirected report gets the report alone.
            var report = json || Console.IsOutputRedirected ? await runner(null) : await TerminalProgress.RunAsync(runner);
            VerifyRenderer.Report(from.Redacted, to.Redacted, report, json);
            return report.Same || (parse.GetValue(allowSchema) && report.SameContent) ? ExitCodes.Ok : ExitCodes.Differs;
        });
        return command;
    }
}

using System.CommandLine;
using Ferry.Cli.Output;
using Ferry.Dump;
using Ferry.Engines;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry dump URL [-o FILE]</c>: the database's schema and rows into one checksummed archive that any engine restores.</summary>
public static class DumpCommand
{
    public static Command Create()
    {
        var source = CommonOptions.Url("source", "The database to back up (opened read-only)");
        var output = new Option<string?>("--output", "-o") { Description = "The archive to write (default: backups/<database>_<yyyyMMdd_HHmmss>.ferry); never written over" };
        var tables = CommonOptions.Tables();
        var exclude = CommonOptions.Exclude();
        var compression = new Option<int>("--compression")
        {
            Description = "zstd level, 1 (fastest) to 19 (smallest); at 7 a PostgreSQL archive is smaller than pg_dump -Fc's",
            DefaultValueFactory = _ => DumpOptions.DefaultCompressionLevel,
        };
        compression.Validators.Add(result =>
        {
            if (DumpOptions.LevelProblem(result.GetValueOrDefault<int>()) is { } problem) result.AddError(problem);
        });
        var verify = new Option<bool>("--verify") { Description = "Then read the archive back whole, as ferry backup verify does" };
        var command = new Command("dump", "Back up SOURCE into one compressed, checksummed archive (ferry restore puts it back into a database of its kind)")
        {
            source, output, tables, exclude, compression, verify, CommonOptions.Json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var from = CommonOptions.ParseTarget(parse, parse.GetValue(source)!);
            var options = new DumpOptions
            {
                Output = parse.GetValue(output) ?? BackupName.For(from, DateTime.Now),
                Tables = parse.GetValue(tables) ?? [],
                Exclude = parse.GetValue(exclude) ?? [],
                CompressionLevel = parse.GetValue(compression),
            };
            await using var sourceDb = await CommonOptions.OpenAsync(parse, from, AccessMode.ReadOnly, ct);
            var json = parse.GetValue(CommonOptions.Json);
            var runner = (IProgress<Copy.CopyEvent>? progress) => new DumpRunner(sourceDb, options, progress).RunAsync(ct);
            var report = json ? await runner(null) : await TerminalProgress.RunAsync(progress => runner(progress));
            var check = parse.GetValue(verify) ? await ArchiveCheck.RunAsync(report.Path, ct) : null;
            DumpRenderer.Report(from.Redacted, report, json, check);
            return ExitCodes.Ok;
        });
        return command;
    }
}

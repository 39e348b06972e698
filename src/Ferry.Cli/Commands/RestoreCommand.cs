using System.CommandLine;
using Ferry.Copy;
using Ferry.Dump;
using Ferry.Engines;

namespace Ferry.Cli.Commands;

/// <summary>
/// <c>ferry restore FILE TARGET</c>: an archive into any engine. A restore is a copy whose source is the archive, so it
/// takes a copy's options and does what a copy does; every table's bytes are checked against their SHA-256 as they are read.
/// </summary>
public static class RestoreCommand
{
    public static Command Create()
    {
        var archive = new Argument<string>("archive") { Description = "The archive ferry dump wrote" };
        var target = CommonOptions.Url("target", "The database to restore into");
        var set = new CopyOptionSet(verify: false, cast: false);
        var command = new Command("restore", "Restore an archive of ferry dump into TARGET, any engine, checking every table's checksum") { archive, target };
        set.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(archive)!;
            var to = CommonOptions.ParseTarget(parse, parse.GetValue(target)!);
            await using var source = ArchiveDatabase.Open(path);
            ArchiveRestore.Check(source, to.Engine);
            return await CopyCommand.RunAsync(parse, set, source, _ => Task.FromResult<IDatabase>(ArchiveDatabase.Open(path)), to, ct);
        });
        return command;
    }
}

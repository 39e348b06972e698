using System.CommandLine;
using Ferry.Cli.Output;
using Ferry.Dump;

namespace Ferry.Cli.Commands;

/// <summary>
/// <c>ferry backup verify FILE</c> proves an archive whole before it is needed; <c>ferry backup list</c> and
/// <c>ferry backup prune --keep-days 30</c> look after a backups folder (the runbooks keep 30 days).
/// </summary>
public static class BackupCommand
{
    public static Command Create()
    {
        var command = new Command("backup", "Backups made by ferry dump: verify one, list or prune a folder of them") { Verify(), List(), Prune() };
        command.Aliases.Add("backups");
        return command;
    }

    private static Command Verify()
    {
        var archive = new Argument<string>("archive") { Description = "The archive ferry dump wrote" };
        var verify = new Command("verify", "Read every table of an archive: checksums, decompression, every row decoded and counted against its table of contents")
        {
            archive, CommonOptions.Json,
        };
        verify.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(archive)!;
            DumpRenderer.Checked(path, await ArchiveCheck.RunAsync(path, ct), parse.GetValue(CommonOptions.Json));
            return ExitCodes.Ok;
        });
        return verify;
    }

    private static Argument<string> Folder() => new("folder")
    {
        Description = $"The folder of archives (default {BackupName.Folder})",
        DefaultValueFactory = _ => BackupName.Folder,
    };

    private static Command List()
    {
        var folder = Folder();
        var list = new Command("list", "The archives in a folder, oldest first: when, from where, tables, rows and size; one that is not whole says why")
        {
            folder, CommonOptions.Json,
        };
        list.SetAction(parse =>
        {
            DumpRenderer.Listed(BackupFolder.List(parse.GetValue(folder)!), parse.GetValue(CommonOptions.Json));
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command Prune()
    {
        var folder = Folder();
        var keepDays = new Option<int>("--keep-days") { Description = "Delete archives made more than this many days ago (of each source the newest that reads back whole is always kept)", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Say what would be deleted; delete nothing" };
        var prune = new Command("prune", "Delete old archives from a folder by the time each records; never a file that is not a whole archive, never a source's newest that reads back whole")
        {
            folder, keepDays, dryRun, CommonOptions.Json,
        };
        prune.SetAction(async (parse, ct) =>
        {
            var dry = parse.GetValue(dryRun);
            var removed = await BackupFolder.PruneAsync(parse.GetValue(folder)!, parse.GetValue(keepDays), DateTime.UtcNow, dry, ct);
            DumpRenderer.Pruned(removed, dry, parse.GetValue(CommonOptions.Json));
            return ExitCodes.Ok;
        });
        return prune;
    }
}

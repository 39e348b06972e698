using System.CommandLine;
using Ferry.Cli.Output;
using Ferry.Dump;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry backup verify FILE</c>: proves an archive whole before it is needed, every byte and row read.</summary>
public static class BackupCommand
{
    public static Command Create()
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
        return new Command("backup", "Backups made by ferry dump") { verify };
    }
}

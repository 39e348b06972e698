using System.CommandLine;
using Ferry.Cli.Commands;
using Ferry.Cli.Output;

var root = new RootCommand("Ferry moves databases safely: SQLite, libSQL/Turso, PostgreSQL, MySQL/MariaDB.")
{
    PingCommand.Create(),
    InspectCommand.Create(),
    SampleCommand.Create(),
    CopyCommand.Create(),
    DumpCommand.Create(),
    RestoreCommand.Create(),
    BackupCommand.Create(),
    VerifyCommand.Create(),
    WatchCommand.Create(),
    MigrateCommand.Create(),
    QueryCommand.Create(),
    GrantCommand.Create(),
    SyncCommand.Create(),
    CommonOptions.EnvFile,
    CommonOptions.RetryFor,
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // A parse error may quote an argument, and an argument may be a URL holding a password: every
    // argument that reads as one has its secrets registered, and each message is scrubbed of them.
    foreach (var arg in args)
    {
        try { Ferry.Connections.ConnectionUrl.Parse(arg); }
        catch (Ferry.Errors.FerryException) { }
    }
    foreach (var error in parse.Errors) Console.Error.WriteLine("ferry: " + Ferry.Connections.SecretMasker.Scrub(error.Message));
    Console.Error.WriteLine("Run 'ferry --help' for usage.");
    return ExitCodes.Usage;
}

try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception error)
{
    return ErrorReporter.Report(error, Console.Error);
}

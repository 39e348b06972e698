using System.CommandLine;
using Ferry.Cli.Commands;
using Ferry.Cli.Output;

var root = new RootCommand("Ferry moves databases safely: SQLite, libSQL/Turso, PostgreSQL, MySQL/MariaDB.")
{
    PingCommand.Create(),
    InspectCommand.Create(),
    SampleCommand.Create(),
    CopyCommand.Create(),
    CommonOptions.EnvFile,
    CommonOptions.RetryFor,
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) Console.Error.WriteLine("ferry: " + error.Message);
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

using System.CommandLine;
using System.Globalization;
using Ferry.Cli.Output;
using Ferry.Connections;
using Ferry.Engines;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry ping URL</c>: can Ferry reach this database, what runs there, and how far away is it.</summary>
public static class PingCommand
{
    public static Command Create()
    {
        var url = CommonOptions.Url("url", "The database to reach (sqlite:PATH, postgres://…, mysql://…, libsql://…, env:NAME)");
        var command = new Command("ping", "Connect to a database and report its engine, version and round-trip time") { url, CommonOptions.Json };
        command.SetAction(async (parse, ct) =>
        {
            var target = CommonOptions.ParseTarget(parse, parse.GetValue(url)!);
            await using var database = await CommonOptions.OpenAsync(parse, target, AccessMode.ReadOnly, ct);
            var info = await database.PingAsync(ct);
            if (parse.GetValue(CommonOptions.Json))
            {
                Json.Write(Console.Out, new
                {
                    url = info.Where,
                    engine = info.Engine,
                    version = info.Version,
                    roundTripMs = Math.Round(info.RoundTrip.TotalMilliseconds, 2),
                });
            }
            else
            {
                var ms = info.RoundTrip.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture);
                Console.Out.WriteLine($"{info.Where}: {info.Engine.Display()} {info.Version}, round trip {ms} ms");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using Ferry.Cli.Output;
using Ferry.Engines;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry inspect URL</c>: every table with its columns, keys, indexes, row count and size.</summary>
public static class InspectCommand
{
    public static Command Create()
    {
        var url = CommonOptions.Url("url", "The database to inspect (opened read-only)");
        var command = new Command("inspect", "Show tables, columns, keys, indexes, foreign keys, row counts and sizes") { url, CommonOptions.Json };
        command.SetAction(async (parse, ct) =>
        {
            var target = CommonOptions.ParseTarget(parse, parse.GetValue(url)!);
            await using var database = await CommonOptions.OpenAsync(parse, target, AccessMode.ReadOnly, ct);
            var schema = await database.ReadSchemaAsync(ct);
            if (parse.GetValue(CommonOptions.Json))
                Json.Write(Console.Out, new { url = target.Redacted, schema });
            else
                SchemaRenderer.Render(target.Redacted, schema);
            return ExitCodes.Ok;
        });
        return command;
    }
}

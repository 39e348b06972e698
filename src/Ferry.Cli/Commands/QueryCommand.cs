using System.CommandLine;
using Ferry.Cli.Output;
using Ferry.Errors;
using Ferry.Query;

namespace Ferry.Cli.Commands;

/// <summary>
/// <c>ferry query URL "SQL"</c>: one statement, read-only unless --write says otherwise, and read-only because the
/// database refuses writes (<see cref="ReadOnlyQuery"/>), not because Ferry read the SQL.
/// </summary>
public static class QueryCommand
{
    public static Command Create()
    {
        var url = CommonOptions.Url("url", "The database to query (sqlite:PATH, postgres://…, mysql://…, libsql://…, env:NAME)");
        var sql = new Argument<string>("sql") { Description = "Exactly one SQL statement" };
        var csv = new Option<bool>("--csv") { Description = "Print CSV (RFC 4180, a header line; NULL is an empty field, an empty text is \"\")" };
        var json = new Option<bool>("--json")
        {
            Description = "Print JSON lines: one object per row, keyed by column name (a repeated name gets _2), values as text or null",
        };
        var maxRows = new Option<long>("--max-rows") { Description = "Stop after this many rows (default 1000; 0 for all)", DefaultValueFactory = _ => 1000 };
        var timeout = Durations.Option("--timeout", "Let the database stop the statement after this long (default 30s; e.g. 500ms, 2m)", TimeSpan.FromSeconds(30));
        var write = new Option<bool>("--write") { Description = "Allow the statement to write: no read-only transaction, and it is committed" };
        var command = new Command("query", "Run one SQL statement, read-only unless --write, and print its rows")
        {
            url, sql, csv, json, maxRows, timeout, write,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(csv) && parse.GetValue(json))
                throw new FerryException(FerryErrorKind.Usage, "--csv and --json each choose the output; give one of them.");
            var limit = parse.GetValue(maxRows);
            if (limit < 0) throw new FerryException(FerryErrorKind.Usage, "--max-rows must be 0 (no limit) or more.");
            var options = new QueryOptions
            {
                MaxRows = limit == 0 ? null : limit,
                Timeout = parse.GetValue(timeout),
                Write = parse.GetValue(write),
                RetryFor = CommonOptions.RetryWindow(parse),
                Warn = warning => Console.Error.WriteLine("ferry: warning: " + warning),
            };
            var target = CommonOptions.ParseTarget(parse, parse.GetValue(url)!);
            await using var result = await ReadOnlyQuery.RunAsync(target, parse.GetValue(sql)!, options, ct);
            var format = parse.GetValue(json) ? QueryRenderer.Format.JsonLines : parse.GetValue(csv) ? QueryRenderer.Format.Csv : QueryRenderer.Format.Table;
            await QueryRenderer.WriteAsync(result, format, Console.Out, ct);
            if (result.Truncated)
                Console.Error.WriteLine($"ferry: stopped at {result.RowCount} rows (--max-rows); more rows were left unread.");
            return ExitCodes.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using Ferry.Connections;
using Ferry.Engines;

namespace Ferry.Cli.Commands;

/// <summary>Options every command that connects shares, and the one way they turn a URL into an open database.</summary>
public static class CommonOptions
{
    public static readonly Option<string> EnvFile = new("--env-file")
    {
        Description = "The .env file that env:NAME and TURSO_AUTH_TOKEN are read from after the environment",
        DefaultValueFactory = _ => ".env",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print machine-readable JSON instead of tables",
    };

    /// <summary>A plain number is seconds, as before durations were taken: --retry-for 10 is 10s.</summary>
    public static readonly Option<TimeSpan> RetryFor = Durations.Option("--retry-for",
        "How long to keep retrying while a database is locked or a server refuses connections (500ms, 10s, 2m; a plain number is seconds)",
        TimeSpan.FromSeconds(10), zero: true, recursive: true);

    public static TimeSpan RetryWindow(ParseResult parse) => parse.GetValue(RetryFor);

    public static Argument<string> Url(string name, string description) => new(name) { Description = description };

    /// <summary>--tables: the same selection wherever a command works table by table.</summary>
    public static Option<string[]> Tables() =>
        new("--tables") { Description = "Only these tables (names or globs, comma-separated or repeated)", AllowMultipleArgumentsPerToken = true };

    public static Option<string[]> Exclude() =>
        new("--exclude") { Description = "Leave these tables out (names or globs)", AllowMultipleArgumentsPerToken = true };

    public static ConnectionTarget ParseTarget(ParseResult parse, string url) =>
        ConnectionUrl.Parse(url, new EnvironmentSource(parse.GetValue(EnvFile)));

    /// <summary>
    /// A command's source and target, refused as one sentence when they name one database however spelled: a copy
    /// or a sync into its own source would read what it writes.
    /// </summary>
    public static (ConnectionTarget From, ConnectionTarget To) SourceAndTarget(ParseResult parse, Argument<string> source, Argument<string> target)
    {
        var from = ParseTarget(parse, parse.GetValue(source)!);
        var to = ParseTarget(parse, parse.GetValue(target)!);
        return from.SameDatabaseAs(to)
            ? throw new Errors.FerryException(Errors.FerryErrorKind.Usage, "The source and the target are the same database.")
            : (from, to);
    }

    public static Task<IDatabase> OpenAsync(ParseResult parse, ConnectionTarget target, AccessMode access, CancellationToken ct) =>
        Databases.OpenAsync(target, new OpenOptions
        {
            Access = access,
            RetryFor = RetryWindow(parse),
        }, ct);
}

using System.Globalization;
using Ferry.Connections;
using Ferry.Errors;
using Npgsql;

namespace Ferry.Engines.Postgres;

/// <summary>
/// Turns a parsed URL into Npgsql's connection string, with libpq's meaning for every part the user
/// may have copied from a <c>psql</c> command line or a <c>DATABASE_URL</c>.
/// </summary>
internal static class PostgresConnectionString
{
    public const int DefaultPort = 5432;

    private static readonly Dictionary<string, SslMode> SslModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["disable"] = SslMode.Disable,
        ["allow"] = SslMode.Allow,
        ["prefer"] = SslMode.Prefer,
        ["require"] = SslMode.Require,
        ["verify-ca"] = SslMode.VerifyCA,
        ["verify-full"] = SslMode.VerifyFull,
    };

    // The server enforces this for every transaction of the session, so a read-only source stays
    // read-only whatever SQL reaches it: no client-side statement filtering to get wrong.
    private const string ReadOnlySession = "-c default_transaction_read_only=on";

    public static NpgsqlConnectionStringBuilder Build(ConnectionTarget target, AccessMode access)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Host(target),
            Port = target.Port ?? DefaultPort,
            ApplicationName = "ferry",
            // One IDatabase holds one session for its whole life; its pool never lends it to anyone else.
            Pooling = false,
            // Ferry's commands run as long as they need (a count over a large table); cancellation is the caller's token.
            CommandTimeout = 0,
        };
        if (target.User is not null) builder.Username = target.User;
        if (target.Password is not null) builder.Password = target.Password;
        // libpq's default database is the user name; Npgsql agrees, but only when it knows the user.
        var database = target.Database is { Length: > 0 } named ? named : target.User;
        if (database is not null) builder.Database = database;

        var options = target.Options;
        if (options.TryGetValue("sslmode", out var sslMode))
            builder.SslMode = SslModes.TryGetValue(sslMode, out var mode)
                ? mode
                : throw new FerryException(FerryErrorKind.Usage,
                    $"sslmode={sslMode} is not a PostgreSQL SSL mode; use one of {string.Join(", ", SslModes.Keys)}.");
        if (options.TryGetValue("connect_timeout", out var timeout))
            builder.Timeout = int.TryParse(timeout, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                // libpq reads 0 as "wait forever", as Npgsql does; Npgsql caps the wait at 1024 seconds.
                ? Math.Min(seconds, 1024)
                : throw new FerryException(FerryErrorKind.Usage, $"connect_timeout={timeout} is not a number of seconds.");
        if (options.TryGetValue("application_name", out var application)) builder.ApplicationName = application;
        if (options.TryGetValue("target_session_attrs", out var attributes)) builder.TargetSessionAttributes = attributes;
        if (options.TryGetValue("search_path", out var searchPath)) builder.SearchPath = searchPath;

        options.TryGetValue("options", out var serverOptions);
        if (access == AccessMode.ReadOnly)
            serverOptions = string.IsNullOrWhiteSpace(serverOptions) ? ReadOnlySession : serverOptions + " " + ReadOnlySession;
        if (!string.IsNullOrWhiteSpace(serverOptions)) builder.Options = serverOptions;
        return builder;
    }

    /// <summary>
    /// The host as Npgsql wants it. libpq URLs percent-encode a socket directory
    /// (<c>postgres://%2Fvar%2Frun%2Fpostgresql/db</c>); a comma-separated list keeps its per-host ports.
    /// </summary>
    public static string Host(ConnectionTarget target) =>
        string.IsNullOrEmpty(target.Host) ? "localhost" : Uri.UnescapeDataString(target.Host);

    /// <summary><c>HOST:PORT</c> for messages: the server, never the credentials.</summary>
    public static string Where(ConnectionTarget target)
    {
        var host = Host(target);
        // A host list names its own ports; a socket directory is still "at" the port its file is named after.
        return host.Contains(',') ? host : $"{host}:{target.Port ?? DefaultPort}";
    }

    public static string UserName(ConnectionTarget target) => target.User ?? Environment.UserName;
}

using Ferry.Errors;

namespace Ferry.Connections;

/// <summary>
/// The one place where a connection URL becomes a <see cref="ConnectionTarget"/>. Accepts the forms
/// users already have in their <c>.env</c> files: Drizzle/Turso, SQLAlchemy, libpq, pgloader.
/// </summary>
public static class ConnectionUrl
{
    public const string Forms =
        "sqlite:PATH, file:PATH, a *.db or *.sqlite path, :memory:, libsql://HOST, http(s)://HOST:PORT (sqld), " +
        "postgres://USER:PASSWORD@HOST:PORT/DB, mysql://USER:PASSWORD@HOST:PORT/DB, or env:NAME";

    private static readonly string[] SqliteExtensions = [".db", ".sqlite", ".sqlite3", ".db3"];

    public static ConnectionTarget Parse(string text, EnvironmentSource? environment = null)
    {
        environment ??= new EnvironmentSource();
        text = text.Trim();
        if (text.StartsWith("env:", StringComparison.OrdinalIgnoreCase))
        {
            var name = text[4..].Trim();
            if (name.Length == 0) throw Usage("'env:' needs a variable name, as in env:DATABASE_URL.");
            var value = environment.Get(name) ?? throw Usage(
                $"The variable {name} is not set in the environment or in {environment.EnvFile}.");
            if (value.Trim().StartsWith("env:", StringComparison.OrdinalIgnoreCase))
                throw Usage($"The variable {name} holds another env: reference; Ferry follows only one.");
            return ParseUrl(value.Trim(), environment, $"the variable {name}");
        }
        return ParseUrl(text, environment, "the URL");
    }

    private static ConnectionTarget ParseUrl(string text, EnvironmentSource environment, string origin)
    {
        if (text.Length == 0) throw Usage($"{Capitalize(origin)} is empty; expected {Forms}.");
        if (text == ":memory:") return new ConnectionTarget { Engine = EngineKind.Sqlite };

        var scheme = SchemeOf(text);
        if (scheme is null)
        {
            if (SqliteExtensions.Any(e => text.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                return SqliteFile(text);
            throw Usage($"{Capitalize(origin)} is not a database URL Ferry knows; expected {Forms}.");
        }

        var rest = text[(scheme.Length + 1)..];
        var engine = scheme.Split('+')[0];
        return engine switch
        {
            "sqlite" or "sqlite3" => SqlitePath(rest),
            "file" => FilePath(rest),
            "libsql" or "http" or "https" or "ws" or "wss" => Libsql(scheme, rest, environment),
            "postgres" or "postgresql" or "pgsql" => Server(EngineKind.Postgres, rest, origin),
            "mysql" or "mariadb" => Server(EngineKind.MySql, rest, origin),
            _ => throw Usage($"'{scheme}:' in {origin} is not a scheme Ferry knows; expected {Forms}."),
        };
    }

    /// <summary>The lower-cased scheme, or null for a plain path (a Windows drive letter is a path).</summary>
    private static string? SchemeOf(string text)
    {
        var colon = text.IndexOf(':');
        if (colon < 2) return null;
        for (var i = 0; i < colon; i++)
        {
            var c = text[i];
            var ok = char.IsAsciiLetter(c) || (i > 0 && (char.IsAsciiDigit(c) || c is '+' or '-' or '.'));
            if (!ok) return null;
        }
        return text[..colon].ToLowerInvariant();
    }

    /// <summary>
    /// <c>sqlite:PATH</c>; SQLAlchemy's <c>sqlite:///relative</c> and <c>sqlite:////absolute</c>;
    /// <c>sqlite://</c> alone is SQLAlchemy's in-memory database.
    /// </summary>
    private static ConnectionTarget SqlitePath(string rest)
    {
        rest = WithoutQuery(rest);
        if (rest is "" or "//") return new ConnectionTarget { Engine = EngineKind.Sqlite };
        if (rest.StartsWith("////", StringComparison.Ordinal)) return SqliteFile(rest[3..]);
        if (rest.StartsWith("///", StringComparison.Ordinal)) return SqliteFile(rest[3..]);
        if (rest.StartsWith("//", StringComparison.Ordinal)) return SqliteFile(rest[2..]);
        return SqliteFile(rest);
    }

    /// <summary><c>file:PATH</c> as SQLite's URI filenames write it, and RFC 8089's <c>file:///absolute</c>.</summary>
    private static ConnectionTarget FilePath(string rest)
    {
        rest = Uri.UnescapeDataString(WithoutQuery(rest));
        if (rest.StartsWith("///", StringComparison.Ordinal)) return SqliteFile(rest[2..]);
        if (rest.StartsWith("//localhost/", StringComparison.OrdinalIgnoreCase)) return SqliteFile(rest[11..]);
        if (rest.StartsWith("//", StringComparison.Ordinal)) return SqliteFile(rest[2..]);
        return SqliteFile(rest);
    }

    private static ConnectionTarget SqliteFile(string path)
    {
        if (path.Length == 0) throw Usage("The SQLite URL names no file; write sqlite:./path/to/file.db.");
        return path == ":memory:"
            ? new ConnectionTarget { Engine = EngineKind.Sqlite }
            : new ConnectionTarget { Engine = EngineKind.Sqlite, FilePath = path };
    }

    /// <summary>
    /// <c>libsql://</c> is Turso over HTTPS (<c>?tls=0</c> for plain HTTP); <c>http(s)://</c> and
    /// <c>ws(s)://</c> reach a self-hosted <c>sqld</c>. A <c>NAME.localhost</c> host, or
    /// <c>?namespace=NAME</c>, selects a namespace through the <c>Host</c> header.
    /// </summary>
    private static ConnectionTarget Libsql(string scheme, string rest, EnvironmentSource environment)
    {
        var url = Authority.Parse(rest, "the libSQL URL");
        if (url.Host.Length == 0) throw Usage("The libSQL URL names no host; write libsql://NAME-ORG.turso.io.");
        url.Query.TryGetValue("authtoken", out var token);
        token ??= environment.Get("TURSO_AUTH_TOKEN");
        SecretMasker.Register(token);

        var tls = scheme is "https" or "wss" || (scheme == "libsql" && !(url.Query.TryGetValue("tls", out var t) && t == "0"));
        var host = url.Host;
        string? hostHeader = null;
        var portText = url.Port is null ? "" : ":" + url.Port;
        if (url.Query.TryGetValue("namespace", out var ns) && ns.Length > 0)
        {
            hostHeader = $"{ns}.{host}{portText}";
        }
        else if (host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            // RFC 6761 puts every *.localhost on loopback, but .NET's resolver does not: connect to
            // the address and keep the name for the Host header, which is how sqld picks a namespace.
            hostHeader = host + portText;
            host = "127.0.0.1";
        }
        return new ConnectionTarget
        {
            Engine = EngineKind.Libsql,
            Host = host,
            Port = url.Port,
            UseTls = tls,
            AuthToken = token,
            HostHeader = hostHeader,
        };
    }

    private static ConnectionTarget Server(EngineKind engine, string rest, string origin)
    {
        var url = Authority.Parse(rest, origin);
        var options = new Dictionary<string, string>(url.Query);
        string? Take(string name) => options.Remove(name, out var v) ? v : null;

        var user = url.User ?? Take("user");
        var password = url.Password ?? Take("password");
        var host = url.Host.Length > 0 ? url.Host : Take("host") ?? "localhost";
        var port = url.Port ?? (Take("port") is { } p && int.TryParse(p, out var n) ? n : null);
        var database = url.Path.Length > 0 ? url.Path : Take("dbname") ?? Take("database");
        SecretMasker.Register(password);
        return new ConnectionTarget
        {
            Engine = engine,
            Host = host,
            Port = port,
            User = user,
            Password = password,
            Database = database,
            Options = options,
        };
    }

    private static string WithoutQuery(string text)
    {
        var q = text.IndexOf('?');
        return q < 0 ? text : text[..q];
    }

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    internal static FerryException Usage(string message) => new(FerryErrorKind.Usage, message);
}

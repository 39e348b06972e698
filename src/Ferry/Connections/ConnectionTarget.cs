using System.Text;

namespace Ferry.Connections;

/// <summary>
/// A parsed connection URL: which engine, and where. Holds the secrets it was given, so it is
/// never printed whole: <see cref="Redacted"/> is the only form that leaves Ferry.
/// </summary>
public sealed record ConnectionTarget
{
    public required EngineKind Engine { get; init; }

    /// <summary>The SQLite file, or null for an in-memory database.</summary>
    public string? FilePath { get; init; }

    public string? Host { get; init; }
    public int? Port { get; init; }
    public string? Database { get; init; }
    public string? User { get; init; }
    public string? Password { get; init; }

    /// <summary>libSQL: the bearer token (from <c>?authToken=</c> or <c>TURSO_AUTH_TOKEN</c>).</summary>
    public string? AuthToken { get; init; }

    /// <summary>libSQL: HTTPS (Turso, <c>libsql://</c>) or plain HTTP (a local <c>sqld</c>).</summary>
    public bool UseTls { get; init; }

    /// <summary>
    /// libSQL: the <c>Host</c> header to send when it differs from the address connected to; a
    /// self-hosted <c>sqld</c> with namespaces reads the database name from its first label.
    /// </summary>
    public string? HostHeader { get; init; }

    /// <summary>
    /// A Ferry archive (<c>ferry dump</c>) that stands for a database of <see cref="Engine"/>: read from this file,
    /// never connected to.
    /// </summary>
    public string? ArchivePath { get; init; }

    /// <summary>Engine options from the query string (<c>sslmode</c>, <c>connect_timeout</c>, ...), names lower-cased.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// True when both name one database however their URLs differ (a relative and an absolute path, another user
    /// or password, the case of a host name); an in-memory SQLite database is never another's.
    /// </summary>
    public bool SameDatabaseAs(ConnectionTarget other) =>
        Engine == other.Engine && (Engine == EngineKind.Sqlite
            ? FilePath is not null && other.FilePath is not null
                && string.Equals(Path.GetFullPath(FilePath), Path.GetFullPath(other.FilePath), StringComparison.Ordinal)
            : string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase) && Port == other.Port
                && Database == other.Database && HostHeader == other.HostHeader
                && Options.GetValueOrDefault("namespace") == other.Options.GetValueOrDefault("namespace"));

    public bool InMemory => Engine == EngineKind.Sqlite && FilePath is null && ArchivePath is null;

    /// <summary>libSQL: the base address requests go to.</summary>
    public Uri HttpBaseUri => new UriBuilder(UseTls ? "https" : "http", Host, Port ?? -1).Uri;

    /// <summary>The URL with every secret replaced by <c>****</c>: safe for output, logs and reports.</summary>
    public string Redacted => ArchivePath is not null ? "archive:" + ArchivePath : Engine switch
    {
        EngineKind.Sqlite => FilePath is null ? "sqlite::memory:" : "sqlite:" + FilePath,
        EngineKind.Libsql => RedactedLibsql(),
        EngineKind.Postgres => RedactedServer("postgres"),
        EngineKind.MySql => RedactedServer("mysql"),
        _ => Engine.ToString(),
    };

    public override string ToString() => Redacted;

    private string RedactedLibsql()
    {
        var text = new StringBuilder(UseTls ? "https://" : "http://").Append(HostHeader ?? Host);
        if (HostHeader is null && Port is not null) text.Append(':').Append(Port);
        if (HostHeader is not null) text.Append(" (via ").Append(Host).Append(':').Append(Port ?? (UseTls ? 443 : 80)).Append(')');
        if (AuthToken is not null) text.Append(" with token ").Append(SecretMasker.Mask);
        return text.ToString();
    }

    private string RedactedServer(string scheme)
    {
        var text = new StringBuilder(scheme).Append("://");
        if (User is not null)
        {
            text.Append(Uri.EscapeDataString(User));
            if (Password is not null) text.Append(':').Append(SecretMasker.Mask);
            text.Append('@');
        }
        text.Append(Host);
        if (Port is not null) text.Append(':').Append(Port);
        text.Append('/').Append(Database);
        var first = true;
        foreach (var (name, value) in Options.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            text.Append(first ? '?' : '&').Append(name).Append('=').Append(SecretMasker.IsSecretOption(name) ? SecretMasker.Mask : value);
            first = false;
        }
        return text.ToString();
    }
}

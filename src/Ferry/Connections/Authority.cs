namespace Ferry.Connections;

/// <summary>
/// The <c>//user:password@host:port/path?query</c> part of a server URL, percent-decoded. Passwords
/// are often pasted unencoded, so the user part ends at the <em>last</em> <c>@</c>, not the first.
/// </summary>
internal sealed record Authority(string? User, string? Password, string Host, int? Port, string Path, IReadOnlyDictionary<string, string> Query)
{
    public static Authority Parse(string rest, string origin)
    {
        if (!rest.StartsWith("//", StringComparison.Ordinal))
            throw ConnectionUrl.Usage($"{origin} must start with SCHEME:// followed by a host.");
        rest = rest[2..];

        string? user = null, password = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var info = rest[..at];
            rest = rest[(at + 1)..];
            var colon = info.IndexOf(':');
            user = Unescape(colon < 0 ? info : info[..colon]);
            password = colon < 0 ? null : Unescape(info[(colon + 1)..]);
        }

        var queryStart = rest.IndexOf('?');
        var query = ParseQuery(queryStart < 0 ? "" : rest[(queryStart + 1)..]);
        if (queryStart >= 0) rest = rest[..queryStart];
        var slash = rest.IndexOf('/');
        var hostPort = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? "" : Unescape(rest[(slash + 1)..].TrimEnd('/'));

        var (host, port) = SplitPort(hostPort, origin);
        return new Authority(user, password, host, port, path, query);
    }

    private static (string Host, int? Port) SplitPort(string hostPort, string origin)
    {
        // [::1]:5432 keeps its brackets off; a comma-separated host list (libpq) is left whole.
        var colon = hostPort.StartsWith('[') ? hostPort.IndexOf("]:", StringComparison.Ordinal) + 1 : hostPort.LastIndexOf(':');
        if (colon <= 0 || hostPort.Contains(',')) return (hostPort.Trim('[', ']'), null);
        var portText = hostPort[(colon + 1)..];
        if (!int.TryParse(portText, out var port) || port is < 1 or > 65535)
            throw ConnectionUrl.Usage($"The port in {origin} is not a number from 1 to 65535.");
        return (hostPort[..colon].Trim('[', ']'), port);
    }

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var name = Unescape(eq < 0 ? pair : pair[..eq]).ToLowerInvariant();
            var value = eq < 0 ? "" : Unescape(pair[(eq + 1)..]);
            values[name] = value;
            if (SecretMasker.IsSecretOption(name)) SecretMasker.Register(value);
        }
        return values;
    }

    private static string Unescape(string text) => Uri.UnescapeDataString(text);
}

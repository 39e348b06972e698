namespace Ferry.Connections;

/// <summary>
/// Where <c>env:NAME</c> and <c>TURSO_AUTH_TOKEN</c> are looked up: the process environment first,
/// then the <c>.env</c> file (the order dotenv uses: a variable already set is not overridden).
/// </summary>
public sealed class EnvironmentSource
{
    private readonly Func<string, string?> _process;
    private readonly Lazy<IReadOnlyDictionary<string, string>> _file;

    public EnvironmentSource(string? envFile = null, Func<string, string?>? process = null)
    {
        EnvFile = envFile ?? ".env";
        _process = process ?? Environment.GetEnvironmentVariable;
        _file = new Lazy<IReadOnlyDictionary<string, string>>(() =>
            File.Exists(EnvFile) ? DotEnvFile.Load(EnvFile) : new Dictionary<string, string>());
    }

    /// <summary>The <c>.env</c> file consulted after the process environment.</summary>
    public string EnvFile { get; }

    public string? Get(string name)
    {
        var value = _process(name);
        if (!string.IsNullOrEmpty(value)) return value;
        return _file.Value.TryGetValue(name, out var fromFile) && fromFile.Length > 0 ? fromFile : null;
    }
}

using Xunit;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ferry.Connections;
using Ferry.Engines;
using Ferry.Tests.Support;

namespace Ferry.Tests.Engines.Libsql;

/// <summary>
/// A fresh namespace on the test sqld (FERRY_TEST_SQLD, created through its admin API at
/// FERRY_TEST_SQLD_ADMIN and deleted at the end), so test classes run in parallel and re-run.
/// Also queries it with plain HTTP, independent of Ferry's client, to check what Ferry reports.
/// </summary>
public sealed class SqldNamespace : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    private SqldNamespace(string name) => Name = name;

    public string Name { get; }

    /// <summary>The URL Ferry is given: the server's address, the namespace as <c>?namespace=</c>.</summary>
    public string Url => $"{TestServers.Sqld.TrimEnd('/')}?namespace={Name}";

    /// <summary>What sqld reads the namespace from: the first label of the Host header.</summary>
    public string HostHeader => $"{Name}.{new Uri(TestServers.Sqld).Authority}";

    public static async Task<SqldNamespace> CreateAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync($"{TestServers.SqldAdmin.TrimEnd('/')}/v1/namespaces/{name}/create", content);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Creating namespace {name} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return new SqldNamespace(name);
    }

    public Task<IDatabase> OpenAsync(AccessMode access) =>
        Databases.OpenAsync(Url, new OpenOptions { Access = access, RetryFor = TimeSpan.FromSeconds(2) }, CancellationToken.None);

    /// <summary>Runs one statement with a raw Hrana request; values come back as long, double, string, base64 string or null.</summary>
    public Task<List<object?[]>> RawQueryAsync(string sql) => RawQueryAsync(TestServers.Sqld, HostHeader, null, sql);

    public static async Task<List<object?[]>> RawQueryAsync(string server, string? hostHeader, string? token, string sql)
    {
        var body = JsonSerializer.Serialize(new
        {
            baton = (string?)null,
            requests = new object[] { new { type = "execute", stmt = new { sql } }, new { type = "close" } },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{server.TrimEnd('/')}/v3/pipeline")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (hostHeader is not null) request.Headers.Host = hostHeader;
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        var result = json.RootElement.GetProperty("results")[0];
        if (result.GetProperty("type").GetString() != "ok") throw new InvalidOperationException($"{sql}: {result}");
        return result.GetProperty("response").GetProperty("result").GetProperty("rows").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(Value).ToArray()).ToList();
    }

    private static object? Value(JsonElement v) => v.GetProperty("type").GetString() switch
    {
        "null" => null,
        "integer" => long.Parse(v.GetProperty("value").GetString()!),
        "float" => v.GetProperty("value").GetDouble(),
        "text" => v.GetProperty("value").GetString(),
        "blob" => v.GetProperty("base64").GetString(),
        var t => throw new InvalidOperationException($"value type {t}"),
    };

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var response = await Http.DeleteAsync($"{TestServers.SqldAdmin.TrimEnd('/')}/v1/namespaces/{Name}");
        }
        catch (HttpRequestException)
        {
            // The server is gone already; its data directory is throwaway.
        }
    }

    /// <summary>A URL for <see cref="ConnectionUrl.Parse"/> that ignores TURSO_AUTH_TOKEN and .env of whoever runs the tests.</summary>
    public static ConnectionTarget Parse(string url) => ConnectionUrl.Parse(url, new EnvironmentSource("/nonexistent/.env", _ => null));
}

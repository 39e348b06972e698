using System.Text.Json;
using Ferry.Cli.Output;
using Ferry.Connections;
using Ferry.Tests.Engines.Libsql;
using Ferry.Tests.Engines.Postgres;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Cli;

/// <summary><c>ferry ping</c> and <c>ferry inspect</c> against the real test servers, as a user runs them.</summary>
public sealed class CliServerTests : IClassFixture<PostgresFixture>
{
    private readonly PostgresFixture _postgres;

    public CliServerTests(PostgresFixture postgres) => _postgres = postgres;

    private static readonly Dictionary<string, long> FixtureCounts = new()
    {
        ["User"] = 3, ["order"] = 5, ["메시지"] = 7, ["my \"quoted\" table"] = 0, ["pair"] = 2,
    };

    private static string WithPassword(string url, string password)
    {
        var target = ConnectionUrl.Parse(url);
        var scheme = target.Engine == EngineKind.Postgres ? "postgres" : "mysql";
        return $"{scheme}://{Uri.EscapeDataString(target.User!)}:{password}@{target.Host}:{target.Port}/{target.Database}";
    }

    [Fact]
    public async Task PingReportsEngineAndVersion()
    {
        var result = await FerryProcess.RunAsync(Path.GetTempPath(), "ping", TestServers.Postgres, "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("postgres", json.RootElement.GetProperty("engine").GetString());
        Assert.StartsWith("15.", json.RootElement.GetProperty("version").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ConnectionUrl.Parse(TestServers.Postgres).Password!, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedWithoutShowingIt()
    {
        var result = await FerryProcess.RunAsync(Path.GetTempPath(), "ping", WithPassword(TestServers.Postgres, "Wr0ngPassw0rdXyz"));
        Assert.Equal(ExitCodes.Authentication, result.ExitCode);
        Assert.Contains("password", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Wr0ngPassw0rdXyz", result.Stderr + result.Stdout, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task AWrongTokenIsRefusedWithoutShowingIt()
    {
        var result = await FerryProcess.RunAsync(Path.GetTempPath(), "ping", TestServers.SqldWithAuth + "?authToken=eyJ.Wr0ngT0kenXyz.sig");
        Assert.Equal(ExitCodes.Authentication, result.ExitCode);
        Assert.DoesNotContain("Wr0ngT0kenXyz", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InspectJsonOfPostgresListsTheFixtureWithExactCounts()
    {
        var url = $"postgres://{Uri.EscapeDataString(_postgres.Target.User!)}:{Uri.EscapeDataString(_postgres.Target.Password!)}@{_postgres.Target.Host}:{_postgres.Target.Port}/{Uri.EscapeDataString(_postgres.DatabaseName)}";
        var result = await FerryProcess.RunAsync(Path.GetTempPath(), "inspect", url, "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var schema = json.RootElement.GetProperty("schema");
        var counts = schema.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("rowCount").GetInt64());
        Assert.Equal(FixtureCounts.OrderBy(c => c.Key, StringComparer.Ordinal), counts.OrderBy(c => c.Key, StringComparer.Ordinal));
        Assert.True(schema.GetProperty("sizeBytes").GetInt64() > 0);
        Assert.True(schema.GetProperty("openConnections").GetInt32() >= 1);
        Assert.DoesNotContain(_postgres.Target.Password!, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InspectOfASqldNamespaceListsTheFixture()
    {
        await using var ns = await SqldNamespace.CreateAsync("cli");
        await using (var db = await ns.OpenAsync(Ferry.Engines.AccessMode.ReadWrite))
            await db.ExecuteAsync(LibsqlFixtureSchema.Sql, default);
        var result = await FerryProcess.RunAsync(Path.GetTempPath(), "inspect", ns.Url, "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var counts = json.RootElement.GetProperty("schema").GetProperty("tables").EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("rowCount").GetInt64());
        Assert.Equal("libsql", json.RootElement.GetProperty("schema").GetProperty("engine").GetString());
        Assert.Equal(FixtureCounts.Keys.Order(StringComparer.Ordinal), counts.Keys.Order(StringComparer.Ordinal));
    }
}

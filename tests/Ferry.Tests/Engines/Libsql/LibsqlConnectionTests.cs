using Xunit;
using System.Diagnostics;
using Ferry.Engines;
using Ferry.Engines.Libsql;
using Ferry.Errors;
using Ferry.Tests.Support;

namespace Ferry.Tests.Engines.Libsql;

/// <summary>Reaching the server: tokens, a closed port, a namespace that is not there.</summary>
public class LibsqlConnectionTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly OpenOptions Quick = new() { RetryFor = TimeSpan.FromSeconds(1.5) };

    private static string WithToken(string token) => $"{TestServers.SqldWithAuth.TrimEnd('/')}?authToken={Uri.EscapeDataString(token)}";

    [Fact]
    public async Task TheRightTokenIsAccepted()
    {
        await using var database = await LibsqlEngine.OpenAsync(SqldNamespace.Parse(WithToken(TestServers.SqldToken)), Quick, None);
        var info = await database.PingAsync(None);
        Assert.Contains("SQLite 3.", info.Version, StringComparison.Ordinal);
        Assert.DoesNotContain(TestServers.SqldToken, info.Where, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongTokenIsAnAuthenticationErrorThatDoesNotShowIt()
    {
        // Well-formed but signed by nobody the server trusts.
        var parts = TestServers.SqldToken.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{new string('A', 86)}";
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<FerryException>(() => LibsqlEngine.OpenAsync(SqldNamespace.Parse(WithToken(forged)), Quick, None));
        Assert.Equal(FerryErrorKind.Authentication, e.Kind);
        Assert.Contains("refused the token", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(forged, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(parts[1], e.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), "a refused token is not retried");
    }

    [Fact]
    public async Task NoTokenIsAnAuthenticationErrorThatSaysWhatToDo()
    {
        var e = await Assert.ThrowsAsync<FerryException>(() => LibsqlEngine.OpenAsync(SqldNamespace.Parse(TestServers.SqldWithAuth), Quick, None));
        Assert.Equal(FerryErrorKind.Authentication, e.Kind);
        Assert.Contains("requires a token", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClosedPortIsAConnectionErrorAfterRetrying()
    {
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<FerryException>(() => Databases.OpenAsync("http://127.0.0.1:1", Quick, None));
        Assert.Equal(FerryErrorKind.Connection, e.Kind);
        Assert.Equal("Cannot connect to libSQL at 127.0.0.1:1: connection refused.", e.Message);
        Assert.True(e.IsTransient);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.7), $"gave up after {clock.Elapsed} without retrying");
    }

    [Fact]
    public async Task AMissingNamespaceSaysSo()
    {
        var name = "ferry-missing-" + Guid.NewGuid().ToString("N")[..12];
        var e = await Assert.ThrowsAsync<FerryException>(() => Databases.OpenAsync($"{TestServers.Sqld.TrimEnd('/')}?namespace={name}", Quick, None));
        Assert.Equal(FerryErrorKind.Connection, e.Kind);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANamespacedServerWithoutANamespaceSaysHowToNameOne()
    {
        // sqld takes the Host header's first label as the namespace: "127" for 127.0.0.1.
        var e = await Assert.ThrowsAsync<FerryException>(() => Databases.OpenAsync(TestServers.Sqld, Quick, None));
        Assert.Equal(FerryErrorKind.Connection, e.Kind);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
        Assert.Contains("?namespace=NAME", e.Message, StringComparison.Ordinal);
    }
}

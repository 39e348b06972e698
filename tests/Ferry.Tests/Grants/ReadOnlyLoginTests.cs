using Ferry.Cli.Output;
using Ferry.Connections;
using Ferry.Engines;
using Ferry.Errors;
using Ferry.Grants;
using Ferry.Query;
using Ferry.Tests.Query;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Grants;

/// <summary>
/// <c>ferry grant</c> on the real servers: a read-only login made, proven by the database's refusals, usable for
/// reads (tables made later too), unable to take a lock ferry query's superuser could; each login is dropped after.
/// </summary>
public sealed class ReadOnlyLoginTests
{
    private static readonly OpenOptions Admin = new() { Access = AccessMode.ReadWrite, RetryFor = TimeSpan.FromSeconds(5) };

    private static string NewName() => "ferry_ro_" + Guid.NewGuid().ToString("N")[..10];

    private static string NewPassword() => "Pw'\"\\" + Guid.NewGuid().ToString("N");

    /// <summary>The login is server-wide: dropped after the scratch database that its grants name is gone.</summary>
    private static async Task DropLoginAsync(string engine, string name)
    {
        var server = engine == "postgres" ? TestServers.Postgres : TestServers.MySql;
        await using var admin = await Databases.OpenAsync(ConnectionUrl.Parse(server), Admin, default);
        await admin.ExecuteAsync(engine == "postgres"
            ? $"DROP ROLE IF EXISTS {admin.Dialect.Quote(name)}"
            : $"DROP USER IF EXISTS {admin.Dialect.QuoteLiteral(name)}@'%'", default);
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("mysql")]
    public async Task AReadOnlyLoginIsProvenReadsAndCannotWrite(string engine)
    {
        var name = NewName();
        var password = NewPassword();
        try
        {
            await using var db = await QueryEngine.CreateAsync(engine);
            var check = await ReadOnlyLogin.CreateAsync(db.Target, name, password, TimeSpan.FromSeconds(5), default);
            Assert.True(check.ReadOnly, string.Join("; ", check.WaysToWrite.Concat(check.Attempts.Select(a => a.Statement + " " + a.Refusal))));
            Assert.NotEmpty(check.Attempts);
            Assert.All(check.Attempts, a => Assert.True(a.ByPrivilege, a.Refusal));

            var login = db.Target with { User = name, Password = password };
            var warnings = new List<string>();
            var options = new QueryOptions { Warn = warnings.Add };
            await using (var rows = await ReadOnlyQuery.RunAsync(login, "SELECT id FROM t ORDER BY id", options, default))
                Assert.Equal(4, (await rows.Rows().ToListAsync()).Count);
            Assert.Empty(warnings);

            // Made after the grant, by the URL's user: PostgreSQL's default privileges, MySQL's grant on db.*.
            await using (var admin = await db.OpenAsync())
                await admin.ExecuteAsync("CREATE TABLE later (x integer)", default);
            await using (var rows = await ReadOnlyQuery.RunAsync(login, "SELECT count(*) FROM later", options, default))
                Assert.Single(await rows.Rows().ToListAsync());

            var before = await db.DumpAsync();
            foreach (var sql in new[] { "DELETE FROM t", engine == "postgres" ? "LOCK TABLE t IN ACCESS EXCLUSIVE MODE" : "LOCK TABLES t WRITE" })
            {
                var error = await Assert.ThrowsAsync<FerryException>(async () =>
                {
                    await using var result = await ReadOnlyQuery.RunAsync(login, sql, options, default);
                    await foreach (var _ in result.Rows()) { }
                });
                Assert.DoesNotContain(password, error.Message, StringComparison.Ordinal);
            }
            // Even outside Ferry's read-only transaction, the privileges refuse.
            var direct = await ReadOnlyLogin.CheckAsync(login, TimeSpan.FromSeconds(5), default);
            Assert.True(direct.ReadOnly);
            Assert.Equal(before, await db.DumpAsync());
        }
        finally
        {
            await DropLoginAsync(engine, name);
        }
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("mysql")]
    public async Task TheCommandTakesThePasswordFromTheEnvironmentAndNeverPrintsIt(string engine)
    {
        var name = NewName();
        var password = NewPassword();
        var folder = Directory.CreateTempSubdirectory("ferry-grant-").FullName;
        try
        {
            await using var db = await QueryEngine.CreateAsync(engine);
            var envFile = Path.Combine(folder, ".env");
            await File.WriteAllTextAsync(envFile, $"RO_PASSWORD='{password.Replace("'", "'\\''", StringComparison.Ordinal)}'\n");
            var created = await FerryProcess.RunAsync(folder, "grant", "readonly", db.Url, "--user", name, "--password-env", "RO_PASSWORD", "--env-file", envFile);
            Assert.True(created.ExitCode == ExitCodes.Ok, created.Stdout + created.Stderr);
            Assert.Contains("Read-only: the database refused every write", created.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(password, created.Stdout + created.Stderr, StringComparison.Ordinal);

            var admin = await FerryProcess.RunAsync(folder, "grant", "check", db.Url);
            Assert.Equal(ExitCodes.CanWrite, admin.ExitCode);
            Assert.Contains("can write.", admin.Stdout, StringComparison.Ordinal);

            var again = await FerryProcess.RunAsync(folder, "grant", "readonly", db.Url, "--user", name, "--password-env", "RO_PASSWORD", "--env-file", envFile);
            Assert.NotEqual(ExitCodes.Ok, again.ExitCode);
            Assert.Single(again.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotContain(password, again.Stdout + again.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            await DropLoginAsync(engine, name);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AMissingPasswordVariableIsOneSentence()
    {
        var result = await FerryProcess.RunAsync(Path.GetTempPath(), "grant", "readonly", TestServers.Postgres, "--user", NewName(), "--password-env", "FERRY_TEST_UNSET_" + Guid.NewGuid().ToString("N"));
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("is not set", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LibsqlExplainsTokensAndChecksOne()
    {
        var explained = await FerryProcess.RunAsync(Path.GetTempPath(), "grant", "readonly", TestServers.SqldWithAuth, "--user", "x");
        Assert.Equal(ExitCodes.Usage, explained.ExitCode);
        Assert.Contains("read-only JWT", explained.Stderr, StringComparison.Ordinal);

        // The test server's only token may write: the check says so and fails, and never prints it.
        var folder = Directory.CreateTempSubdirectory("ferry-grant-").FullName;
        try
        {
            var envFile = Path.Combine(folder, ".env");
            await File.WriteAllTextAsync(envFile, $"SQLD_TOKEN={TestServers.SqldToken}\n");
            var checkedToken = await FerryProcess.RunAsync(folder, "grant", "readonly", TestServers.SqldWithAuth, "--token-env", "SQLD_TOKEN", "--env-file", envFile);
            Assert.Equal(ExitCodes.CanWrite, checkedToken.ExitCode);
            Assert.Contains("accepted (rolled back): CREATE TABLE ferry_grant_probe", checkedToken.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(TestServers.SqldToken, checkedToken.Stdout + checkedToken.Stderr, StringComparison.Ordinal);

            var check = await FerryProcess.RunAsync(folder, "grant", "check", TestServers.SqldWithAuth + "?authToken=" + TestServers.SqldToken);
            Assert.Equal(ExitCodes.CanWrite, check.ExitCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// A libSQL token whose claim is "ro" is proven read-only by the server's refusal (check exits 0, reads work),
    /// and one whose claim is "rw" is not: what Ferry reports is what sqld enforces, on a server of the test's own key.
    /// </summary>
    [Fact]
    public async Task LibsqlReadOnlyTokenIsProvenByTheServersRefusal()
    {
        await using var sqld = await PrivateSqld.StartAsync(jwt: true);
        var (readOnly, readWrite) = (await sqld.TokenAsync("ro"), await sqld.TokenAsync("rw"));
        var made = await FerryProcess.RunAsync(Path.GetTempPath(), "query", sqld.Url + "?authToken=" + readWrite, "CREATE TABLE t (x)", "--write");
        Assert.True(made.ExitCode == ExitCodes.Ok, made.Stderr);

        var check = await FerryProcess.RunAsync(Path.GetTempPath(), "grant", "check", sqld.Url + "?authToken=" + readOnly);
        Assert.True(check.ExitCode == ExitCodes.Ok, check.Stdout + check.Stderr);
        Assert.DoesNotContain(readOnly, check.Stdout + check.Stderr, StringComparison.Ordinal);
        var read = await FerryProcess.RunAsync(Path.GetTempPath(), "query", sqld.Url + "?authToken=" + readOnly, "SELECT count(*) AS n FROM t", "--json");
        Assert.Equal("{\"n\":\"0\"}", read.Stdout.Trim());
        var written = await FerryProcess.RunAsync(Path.GetTempPath(), "query", sqld.Url + "?authToken=" + readOnly, "INSERT INTO t VALUES (1)", "--write");
        Assert.NotEqual(ExitCodes.Ok, written.ExitCode);

        Assert.Equal(ExitCodes.CanWrite, (await FerryProcess.RunAsync(Path.GetTempPath(), "grant", "check", sqld.Url + "?authToken=" + readWrite)).ExitCode);
    }
}

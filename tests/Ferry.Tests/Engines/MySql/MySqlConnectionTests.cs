using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ferry.Connections;
using Ferry.Engines;
using Ferry.Engines.MySql;
using Ferry.Errors;
using Xunit;

namespace Ferry.Tests.Engines.MySql;

/// <summary>Opening, pinging, failing, refusing writes, and the shapes of returned values, on a real server.</summary>
public sealed class MySqlConnectionTests(MySqlFixture fixture) : IClassFixture<MySqlFixture>
{
    private IDatabase Source => fixture.Source;

    [Fact]
    public async Task Ping_reports_the_server_version_and_a_redacted_address()
    {
        var info = await Source.PingAsync(default);
        Assert.Equal(EngineKind.MySql, info.Engine);
        Assert.Equal((await Source.QueryAsync("SELECT @@version", default))[0][0], info.Version);
        Assert.Matches(@"^\d+\.\d+\.\d+", info.Version);
        Assert.True(info.RoundTrip > TimeSpan.Zero);
        Assert.DoesNotContain(fixture.Target.Password!, info.Where, StringComparison.Ordinal);
        Assert.Contains(SecretMasker.Mask, info.Where, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_fails_fast_as_authentication_without_the_password()
    {
        const string wrong = "Wrong-Secret-4q9";
        SecretMasker.Register(wrong);
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<FerryException>(() =>
            MySqlEngine.OpenAsync(fixture.Target with { Password = wrong }, new OpenOptions { RetryFor = TimeSpan.FromSeconds(5) }, default));
        Assert.Equal(FerryErrorKind.Authentication, error.Kind);
        Assert.False(error.IsTransient);
        var where = $"{fixture.Target.Host}:{fixture.Target.Port}";
        Assert.Equal($"MySQL at {where} refused the password for user {fixture.Target.User}.", error.Message);
        Assert.DoesNotContain(wrong, error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), "a refused password is not retried");
    }

    [Fact]
    public async Task An_unreachable_port_is_retried_then_reported_as_a_connection_failure()
    {
        var port = FreePort();
        var target = fixture.Target with { Host = "127.0.0.1", Port = port };
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<FerryException>(() =>
            MySqlEngine.OpenAsync(target, new OpenOptions { RetryFor = TimeSpan.FromSeconds(1.5) }, default));
        Assert.Equal(FerryErrorKind.Connection, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Equal($"Cannot connect to MySQL at 127.0.0.1:{port}: connection refused.", error.Message);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.7), $"retried for {clock.Elapsed}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"gave up after {clock.Elapsed}");
    }

    [Fact]
    public async Task Too_many_connections_is_transient_and_retried_until_one_comes_free()
    {
        var user = "ferry_one_" + Guid.NewGuid().ToString("N")[..8];
        const string password = "One-Conn-Pass-3k";
        await using var admin = await MySqlEngine.OpenAsync(fixture.Target, new OpenOptions { Access = AccessMode.ReadWrite }, default);
        await admin.ExecuteAsync($"CREATE USER '{user}'@'%' IDENTIFIED BY '{password}' WITH MAX_USER_CONNECTIONS 1", default);
        try
        {
            await admin.ExecuteAsync($"GRANT SELECT ON `{fixture.DatabaseName}`.* TO '{user}'@'%'", default);
            var target = fixture.Target with { User = user, Password = password };
            var first = await MySqlEngine.OpenAsync(target, new OpenOptions(), default);

            var error = await Assert.ThrowsAsync<FerryException>(() => MySqlEngine.OpenAsync(target, new OpenOptions { RetryFor = TimeSpan.FromSeconds(1) }, default));
            Assert.Equal(FerryErrorKind.Connection, error.Kind);
            Assert.True(error.IsTransient);
            Assert.StartsWith($"Cannot connect to MySQL at {target.Host}:{target.Port}: ", error.Message, StringComparison.Ordinal);
            Assert.Contains("max_user_connections", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(password, error.Message, StringComparison.Ordinal);

            // The retry is real: the second open succeeds once the first connection closes.
            var second = MySqlEngine.OpenAsync(target, new OpenOptions { RetryFor = TimeSpan.FromSeconds(10) }, default);
            await Task.Delay(300);
            await first.DisposeAsync();
            await using var opened = await second;
            Assert.Equal([[1L]], await opened.QueryAsync("SELECT 1", default));
        }
        finally
        {
            await admin.ExecuteAsync($"DROP USER '{user}'@'%'", default);
        }
    }

    [Fact]
    public async Task An_unknown_database_is_named()
    {
        var error = await Assert.ThrowsAsync<FerryException>(() =>
            MySqlEngine.OpenAsync(fixture.Target with { Database = "no_such_db_ferry" }, new OpenOptions { RetryFor = TimeSpan.FromSeconds(5) }, default));
        Assert.Equal(FerryErrorKind.NotADatabase, error.Kind);
        Assert.Contains("'no_such_db_ferry'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Target.Password!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Url_options_reach_the_driver()
    {
        var options = new Dictionary<string, string>(fixture.Target.Options) { ["ssl-mode"] = "disabled", ["connect_timeout"] = "3" };
        await using (var plain = await MySqlEngine.OpenAsync(fixture.Target with { Options = options }, new OpenOptions(), default))
            Assert.Equal([[1L]], await plain.QueryAsync("SELECT 1", default));

        var bad = new Dictionary<string, string>(fixture.Target.Options) { ["sslmode"] = "sometimes" };
        var usage = await Assert.ThrowsAsync<FerryException>(() => MySqlEngine.OpenAsync(fixture.Target with { Options = bad }, new OpenOptions(), default));
        Assert.Equal(FerryErrorKind.Usage, usage.Kind);

        var tls = (string?)(await Source.QueryAsync("SELECT @@have_ssl", default))[0][0];
        if (tls != "YES")
        {
            // The throwaway test server has no TLS: demanding it must fail, not fall back to plain text.
            var required = new Dictionary<string, string>(fixture.Target.Options) { ["ssl_mode"] = "required" };
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<FerryException>(() =>
                MySqlEngine.OpenAsync(fixture.Target with { Options = required }, new OpenOptions { RetryFor = TimeSpan.FromSeconds(8) }, default));
            Assert.Equal(FerryErrorKind.Connection, error.Kind);
            Assert.StartsWith($"Cannot connect to MySQL at {MySqlErrors.Where(fixture.Target)} over TLS: the server answers, but not with the TLS the URL demands", error.Message, StringComparison.Ordinal);
            // Decided by asking the port, not by the driver's words: a server that answers without TLS is not retried.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
        }
    }

    [Fact]
    public async Task A_read_only_database_cannot_be_written_even_by_a_query()
    {
        // The server refuses (error 1792), not Ferry: QueryAsync sends whatever it is given.
        var insert = await Assert.ThrowsAsync<FerryException>(() => Source.QueryAsync("INSERT INTO pair (a, b) VALUES (9, 'z')", default));
        Assert.Contains("read-only", insert.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<FerryException>(() => Source.QueryAsync("UPDATE `User` SET email = 'x'", default));
        await Assert.ThrowsAsync<FerryException>(() => Source.QueryAsync("DELETE FROM `order`", default));
        // No statement hides behind a read: a read-only database sends one statement at a time.
        var batch = await Assert.ThrowsAsync<FerryException>(() => Source.QueryAsync("SELECT 1; INSERT INTO pair (a, b) VALUES (8, 'z')", default));
        Assert.Contains("one statement at a time", batch.Message, StringComparison.Ordinal);
        Assert.Equal([[";"]], await Source.QueryAsync("SELECT ';';", default));
        var version = (string)(await Source.QueryAsync("SELECT VERSION()", default))[0][0]!;
        if (version.Contains("MariaDB", StringComparison.Ordinal))
        {
            // MariaDB refuses DDL in a read-only session too (MySQL may not: DDL commits implicitly).
            await Assert.ThrowsAsync<FerryException>(() => Source.QueryAsync("CREATE TABLE sneaky (a INT)", default));
            await Assert.ThrowsAsync<FerryException>(() => Source.QueryAsync("DROP TABLE pair", default));
        }
        var refused = await Assert.ThrowsAsync<FerryException>(() => Source.ExecuteAsync("INSERT INTO pair (a, b) VALUES (7, 'z')", default));
        Assert.Contains("read-only", refused.Message, StringComparison.Ordinal);

        Assert.Equal([[2L]], await Source.QueryAsync("SELECT count(*) FROM pair", default));
        Assert.Equal([[3L]], await Source.QueryAsync("SELECT count(*) FROM `User` WHERE email LIKE '%@example.com'", default));
        Assert.Equal([[0L]], await Source.QueryAsync(
            $"SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = {Source.Dialect.QuoteLiteral(fixture.DatabaseName)} AND TABLE_NAME = 'sneaky'", default));
    }

    [Fact]
    public async Task Query_values_come_back_in_neutral_shapes()
    {
        await using (var writer = await MySqlEngine.OpenAsync(fixture.Target, new OpenOptions { Access = AccessMode.ReadWrite }, default))
        {
            await writer.ExecuteAsync("""
                CREATE TABLE kinds (k INT PRIMARY KEY, i BIGINT, u BIGINT UNSIGNED, t TEXT, b BLOB, n INT, d DOUBLE, f FLOAT,
                  m DECIMAL(12,3), flag TINYINT(1), small SMALLINT UNSIGNED, at DATETIME, day DATE, g CHAR(36), bin BINARY(16), j JSON, huge DECIMAL(65,30))
                """, default);
            await writer.ExecuteAsync("""
                INSERT INTO kinds VALUES
                  (1, 9223372036854775807, 18446744073709551615, '안녕하세요 👋', X'00FF7F80', NULL, 1.5, 1.1, 12345.678, 5, 65535,
                   '2024-02-29 13:14:15', '2024-02-29', 'NOT-a-guid-but-exactly-36-chars-long', X'000102030405060708090A0B0C0D0E0F', '{"a": [1, "🚢"]}',
                   12345678901234567890123456789012345.123456789012345678901234567890),
                  (2, -9223372036854775808, 0, '', X'', NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL)
                """, default);
            // Zero dates need a lenient sql_mode to be stored, and exist in old databases.
            await writer.ExecuteAsync("SET SESSION sql_mode = ''; INSERT INTO kinds (k, at, day) VALUES (3, '0000-00-00 00:00:00', '0000-00-00')", default);
        }

        var rows = await Source.QueryAsync("SELECT i, u, t, b, n, d, f, m, flag, small, at, day, g, bin, j, huge FROM kinds ORDER BY k", default);
        var first = rows[0];
        Assert.Equal(long.MaxValue, Assert.IsType<long>(first[0]));
        // Past long's range the unsigned value itself, for a converter to store exactly or refuse.
        Assert.Equal(ulong.MaxValue, Assert.IsType<ulong>(first[1]));
        Assert.Equal("안녕하세요 👋", Assert.IsType<string>(first[2]));
        Assert.Equal(new byte[] { 0x00, 0xFF, 0x7F, 0x80 }, Assert.IsType<byte[]>(first[3]));
        Assert.Null(first[4]);
        Assert.Equal(1.5, Assert.IsType<double>(first[5]));
        Assert.Equal(1.1, Assert.IsType<double>(first[6]));
        Assert.Equal(12345.678m, Assert.IsType<decimal>(first[7]));
        Assert.Equal(5L, Assert.IsType<long>(first[8])); // tinyint(1) is an integer: it can hold 5
        Assert.Equal(65535L, Assert.IsType<long>(first[9]));
        Assert.Equal(new DateTime(2024, 2, 29, 13, 14, 15), Assert.IsType<DateTime>(first[10]));
        Assert.Equal(new DateTime(2024, 2, 29), Assert.IsType<DateTime>(first[11]));
        Assert.Equal("NOT-a-guid-but-exactly-36-chars-long", Assert.IsType<string>(first[12]));
        Assert.Equal(Enumerable.Range(0, 16).Select(x => (byte)x).ToArray(), Assert.IsType<byte[]>(first[13]));
        Assert.Equal("{\"a\": [1, \"🚢\"]}", Assert.IsType<string>(first[14]));
        // Past System.Decimal's 28 digits: the exact text, not a rounded number.
        Assert.Equal("12345678901234567890123456789012345.123456789012345678901234567890", Assert.IsType<string>(first[15]));

        var second = rows[1];
        Assert.Equal(long.MinValue, Assert.IsType<long>(second[0]));
        Assert.Equal(0L, Assert.IsType<long>(second[1]));
        Assert.Equal("", Assert.IsType<string>(second[2]));
        Assert.Equal([], Assert.IsType<byte[]>(second[3]));
        Assert.All(second.Skip(4).Where((_, i) => i is not 4 and not 5), Assert.Null);

        // A zero date has no DateTime: it comes back as the text MySQL shows.
        Assert.Equal(["0000-00-00 00:00:00", "0000-00-00"], rows[2][10..12]);
    }

    [Fact]
    public async Task Quoted_names_and_literals_survive_a_round_trip()
    {
        var dialect = Source.Dialect;
        Assert.Equal("`back``tick`", dialect.Quote("back`tick"));
        Assert.Equal("'it''s \\\\'", dialect.QuoteLiteral("it's \\"));
        const string hostile = "it's a \\ \"fine\" 👋 day\\";
        Assert.Equal([[hostile]], await Source.QueryAsync($"SELECT {dialect.QuoteLiteral(hostile)}", default));
        Assert.Equal([[1L]], await Source.QueryAsync($"SELECT 1 AS {dialect.Quote("a `weird` \"name\"")}", default));
        Assert.Equal("'a\\b'", MySqlDialect.ForSqlMode("STRICT_TRANS_TABLES,NO_BACKSLASH_ESCAPES").QuoteLiteral("a\\b"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

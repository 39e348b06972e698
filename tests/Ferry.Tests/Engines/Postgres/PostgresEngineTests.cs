using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ferry.Connections;
using Ferry.Engines;
using Ferry.Engines.Postgres;
using Ferry.Errors;
using Ferry.Tests.Support;
using Npgsql;
using Xunit;

namespace Ferry.Tests.Engines.Postgres;

/// <summary>Sessions, errors, read-only enforcement and value types against a real server.</summary>
public sealed class PostgresEngineTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Ping_reports_the_short_server_version()
    {
        await using var db = await fixture.OpenAsync(AccessMode.ReadOnly);
        var info = await db.PingAsync(None);

        var full = (string)(await db.QueryAsync("SELECT current_setting('server_version')", None))[0][0]!;
        Assert.Equal(EngineKind.Postgres, info.Engine);
        Assert.Matches(@"^\d+\.\d+$", info.Version);
        Assert.StartsWith(info.Version, full, StringComparison.Ordinal);
        Assert.InRange(info.RoundTrip, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(5));
        Assert.Equal(fixture.Target.Redacted, info.Where);
        Assert.DoesNotContain(fixture.Target.Password!, info.Where, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_session_is_refused_writes_by_the_server()
    {
        await using var db = await fixture.OpenAsync(AccessMode.ReadOnly);
        Assert.Equal("on", (await db.QueryAsync("SHOW default_transaction_read_only", None))[0][0]);

        var insert = await Assert.ThrowsAsync<FerryException>(() => db.ExecuteAsync("INSERT INTO pair (a, b) VALUES (3, 'three')", None));
        Assert.Equal("25006", Assert.IsType<PostgresException>(insert.InnerException).SqlState);
        Assert.Contains("read-only", insert.Message, StringComparison.Ordinal);
        var create = await Assert.ThrowsAsync<FerryException>(() => db.ExecuteAsync("CREATE TABLE sneaky (x int)", None));
        Assert.Equal("25006", Assert.IsType<PostgresException>(create.InnerException).SqlState);
        // A write smuggled through a query is refused just the same: the session, not Ferry, decides.
        var returning = await Assert.ThrowsAsync<FerryException>(() => db.QueryAsync("INSERT INTO pair (a, b) VALUES (4, 'four') RETURNING a", None));
        Assert.Equal("25006", Assert.IsType<PostgresException>(returning.InnerException).SqlState);

        Assert.Equal(2L, (await db.QueryAsync("SELECT count(*) FROM pair", None))[0][0]);
        Assert.Empty(await db.QueryAsync("SELECT 1 FROM pg_class WHERE relname = 'sneaky'", None));
        // The session is still usable after the refusals.
        Assert.NotEmpty((await db.ReadSchemaAsync(None)).Tables);
    }

    [Fact]
    public async Task A_read_write_session_writes()
    {
        await using var db = await fixture.OpenAsync(AccessMode.ReadWrite);
        Assert.Equal("off", (await db.QueryAsync("SHOW default_transaction_read_only", None))[0][0]);
        await db.ExecuteAsync("CREATE TEMPORARY TABLE scratch (x int); INSERT INTO scratch VALUES (1), (2)", None);
        Assert.Equal(2L, (await db.QueryAsync("SELECT count(*) FROM scratch", None))[0][0]);
        // Temporary tables live in pg_temp_N: never user tables.
        Assert.Null((await db.ReadSchemaAsync(None)).FindTable("scratch"));
    }

    [Fact]
    public async Task Query_values_come_back_as_the_interface_promises()
    {
        await using var db = await fixture.OpenAsync(AccessMode.ReadOnly);
        var row = Assert.Single(await db.QueryAsync(
            "SELECT 9223372036854775807::bigint, (-9223372036854775808)::bigint, 2147483647::integer, (-32768)::smallint, " +
            "1.5::real, 2.25::double precision, '안녕하세요 👋'::text, '\\xdeadbeef00'::bytea, NULL, '', 12.34::numeric(10,2), true, " +
            "'2024-02-29 12:34:56.789'::timestamp, '6f9619ff-8b86-d011-b42d-00c04fc964ff'::uuid, '{\"k\": [1]}'::jsonb, 'x'::varchar(3)", None));

        Assert.Equal(long.MaxValue, Assert.IsType<long>(row[0]));
        Assert.Equal(long.MinValue, Assert.IsType<long>(row[1]));
        Assert.Equal(2147483647L, Assert.IsType<long>(row[2]));
        Assert.Equal(-32768L, Assert.IsType<long>(row[3]));
        Assert.Equal(1.5, Assert.IsType<double>(row[4]));
        Assert.Equal(2.25, Assert.IsType<double>(row[5]));
        Assert.Equal("안녕하세요 👋", Assert.IsType<string>(row[6]));
        Assert.Equal(new byte[] { 0xde, 0xad, 0xbe, 0xef, 0x00 }, Assert.IsType<byte[]>(row[7]));
        Assert.Null(row[8]);
        Assert.Equal("", Assert.IsType<string>(row[9]));
        Assert.Equal(12.34m, Assert.IsType<decimal>(row[10]));
        Assert.True(Assert.IsType<bool>(row[11]));
        Assert.Equal(new DateTime(2024, 2, 29, 12, 34, 56, 789), Assert.IsType<DateTime>(row[12]));
        Assert.Equal(Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), Assert.IsType<Guid>(row[13]));
        Assert.Equal("{\"k\": [1]}", Assert.IsType<string>(row[14]));
        Assert.Equal("x", Assert.IsType<string>(row[15]));

        var stored = await db.QueryAsync("SELECT \"display name\", \"isActive\" FROM \"User\" ORDER BY id", None);
        Assert.Equal(["안녕하세요 👋", null, ""], stored.Select(r => r[0]));
    }

    [Fact]
    public async Task Unusual_types_are_read_without_a_mapping()
    {
        await using var db = await fixture.OpenAsync(AccessMode.ReadOnly);
        var row = Assert.Single(await db.QueryAsync(
            "SELECT 'happy'::mood, ARRAY[1, 2]::integer[], int4range(1, 5), '1 day 2 hours'::interval, '12:30'::time, " +
            "'192.168.0.1'::inet, 'NaN'::numeric, tags, '2024-02-29'::date, '2024-02-29 12:00+09'::timestamptz FROM pair WHERE a = 1", None));
        Assert.Equal("happy", row[0]);
        Assert.Equal(new[] { 1, 2 }, Assert.IsType<int[]>(row[1]));
        Assert.NotNull(row[2]);
        Assert.Equal(new TimeSpan(1, 2, 0, 0), row[3]);
        Assert.Equal(new TimeOnly(12, 30), Assert.IsType<TimeOnly>(row[4]));
        Assert.NotNull(row[5]);
        Assert.Equal("NaN", row[6]);
        Assert.Equal(new[] { "x", "y" }, Assert.IsType<string[]>(row[7]));
        Assert.Equal(new DateOnly(2024, 2, 29), Assert.IsType<DateOnly>(row[8]));
        var instant = Assert.IsType<DateTime>(row[9]);
        Assert.Equal((DateTimeKind.Utc, new DateTime(2024, 2, 29, 3, 0, 0)), (instant.Kind, DateTime.SpecifyKind(instant, DateTimeKind.Unspecified)));
    }

    [Fact]
    public async Task Numerics_beyond_decimal_come_back_as_exact_text()
    {
        await using var db = await fixture.OpenAsync(AccessMode.ReadOnly);
        var row = Assert.Single(await db.QueryAsync(
            "SELECT 'Infinity'::numeric, '-Infinity'::numeric, 123456789012345678901234567890.123456789::numeric, " +
            "-0.000012345678901234567890123456789::numeric, -100000000000000000000000000000000::numeric, " +
            "1.10::numeric(40,5), 1e-40::numeric, 10000.0001::numeric", None));
        Assert.Equal("Infinity", row[0]);
        Assert.Equal("-Infinity", row[1]);
        Assert.Equal("123456789012345678901234567890.123456789", row[2]);
        Assert.Equal("-0.000012345678901234567890123456789", row[3]);
        Assert.Equal("-100000000000000000000000000000000", row[4]);
        Assert.Equal(1.10000m, Assert.IsType<decimal>(row[5]));
        Assert.Equal("0.0000000000000000000000000000000000000001", row[6]);
        Assert.Equal(10000.0001m, Assert.IsType<decimal>(row[7]));
    }

    [Fact]
    public async Task A_wrong_password_fails_fast_as_authentication_without_the_password()
    {
        var password = "wrong-" + Guid.NewGuid().ToString("N");
        var target = fixture.Target with { Password = password };
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<FerryException>(() => PostgresEngine.OpenAsync(target, PostgresFixture.ReadOnly, None));

        Assert.Equal(FerryErrorKind.Authentication, error.Kind);
        Assert.False(error.IsTransient);
        Assert.Equal($"PostgreSQL at {target.Host}:{target.Port ?? 5432} refused the password for user {target.User}.", error.Message);
        Assert.DoesNotContain(password, error.ToString(), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), "a refused password is not retried");
    }

    [Fact]
    public async Task No_password_for_a_server_that_wants_one_is_authentication()
    {
        // The test server asks TCP clients for a SCRAM password; Npgsql stops before sending none.
        var target = fixture.Target with { Password = null };
        var error = await Assert.ThrowsAsync<FerryException>(() => PostgresEngine.OpenAsync(target, PostgresFixture.ReadOnly, None));

        Assert.Equal(FerryErrorKind.Authentication, error.Kind);
        Assert.Equal($"PostgreSQL at {target.Host}:{target.Port ?? 5432} wants a password for user {target.User}, and none was given.", error.Message);
        Assert.Null(error.Server);
    }

    [Fact]
    public async Task An_unreachable_port_is_retried_then_reported_as_a_connection_failure()
    {
        var target = fixture.Target with { Host = "127.0.0.1", Port = FreePort() };
        var options = new OpenOptions { Access = AccessMode.ReadOnly, RetryFor = TimeSpan.FromSeconds(1.5) };
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<FerryException>(() => PostgresEngine.OpenAsync(target, options, None));

        Assert.Equal(FerryErrorKind.Connection, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Equal($"Cannot connect to PostgreSQL at 127.0.0.1:{target.Port}: connection refused.", error.Message);
        Assert.DoesNotContain(target.Password!, error.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.7), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Too_many_connections_is_retried_then_named()
    {
        // A role allowed no sessions gets 53300 (too_many_connections), as a full server would answer.
        var role = "ferry_full_" + Guid.NewGuid().ToString("N")[..8];
        var password = "pw-" + Guid.NewGuid().ToString("N");
        await using (var admin = await fixture.OpenAsync(AccessMode.ReadWrite))
            await admin.ExecuteAsync($"CREATE ROLE {role} LOGIN PASSWORD '{password}' CONNECTION LIMIT 0", None);
        try
        {
            var target = fixture.Target with { User = role, Password = password };
            var options = new OpenOptions { Access = AccessMode.ReadOnly, RetryFor = TimeSpan.FromSeconds(1) };
            var clock = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<FerryException>(() => PostgresEngine.OpenAsync(target, options, None));

            Assert.Equal(FerryErrorKind.Connection, error.Kind);
            Assert.True(error.IsTransient);
            Assert.Equal("53300", Assert.IsType<PostgresException>(error.InnerException).SqlState);
            Assert.Equal($"Cannot connect to PostgreSQL at {target.Host}:{target.Port ?? 5432}: too many connections.", error.Message);
            Assert.True(clock.Elapsed > TimeSpan.FromSeconds(0.5), "retried before giving up");
        }
        finally
        {
            await using var admin = await fixture.OpenAsync(AccessMode.ReadWrite);
            await admin.ExecuteAsync($"DROP ROLE {role}", None);
        }
    }

    [Fact]
    public async Task A_missing_database_is_named()
    {
        var target = fixture.Target with { Database = "no such 데이터베이스" };
        var error = await Assert.ThrowsAsync<FerryException>(() => PostgresEngine.OpenAsync(target, PostgresFixture.ReadOnly, None));

        Assert.Equal(FerryErrorKind.Usage, error.Kind);
        Assert.Equal($"PostgreSQL at {target.Host}:{target.Port ?? 5432} has no database named \"no such 데이터베이스\".", error.Message);
    }

    [Fact]
    public async Task Statement_errors_carry_the_sqlstate_and_leave_the_session_usable()
    {
        await using var db = await fixture.OpenAsync(AccessMode.ReadOnly);
        var error = await Assert.ThrowsAsync<FerryException>(() => db.QueryAsync("SELECT * FROM \"no such table\"", None));
        Assert.Equal(FerryErrorKind.Failed, error.Kind);
        Assert.Contains("42P01", error.Message, StringComparison.Ordinal);
        Assert.Contains("no such table", error.Message, StringComparison.Ordinal);
        Assert.Equal(1L, (await db.QueryAsync("SELECT 1", None))[0][0]);
    }

    [Fact]
    public async Task Databases_opens_postgres_urls()
    {
        var url = TestServers.Postgres;
        await using var db = await Databases.OpenAsync(url, PostgresFixture.ReadOnly, None);
        Assert.Equal(EngineKind.Postgres, (await db.PingAsync(None)).Engine);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

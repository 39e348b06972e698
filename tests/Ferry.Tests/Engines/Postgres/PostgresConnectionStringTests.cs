using Ferry.Connections;
using Ferry.Engines;
using Ferry.Engines.Postgres;
using Ferry.Errors;
using Npgsql;
using Xunit;

namespace Ferry.Tests.Engines.Postgres;

/// <summary>How a URL becomes Npgsql's connection string: libpq's meanings, no server needed.</summary>
public sealed class PostgresConnectionStringTests
{
    private static NpgsqlConnectionStringBuilder Build(string url, AccessMode access = AccessMode.ReadWrite) =>
        PostgresConnectionString.Build(ConnectionUrl.Parse(url), access);

    [Fact]
    public void Defaults_follow_libpq()
    {
        var builder = Build("postgres://alice:pw@db.example.com");
        Assert.Equal(("db.example.com", 5432, "alice", "alice", "pw", "ferry"),
            (builder.Host, builder.Port, builder.Username, builder.Database, builder.Password, builder.ApplicationName));
        Assert.Null(builder.Options);
    }

    [Fact]
    public void Options_pass_through()
    {
        var builder = Build("postgresql://u@h:6543/app?sslmode=verify-full&connect_timeout=7&application_name=etl&options=-c%20work_mem%3D64MB&target_session_attrs=read-write&search_path=app,public");
        Assert.Equal((SslMode.VerifyFull, 7, "etl", "-c work_mem=64MB", "read-write", "app,public", 6543, "app"),
            (builder.SslMode, builder.Timeout, builder.ApplicationName, builder.Options, builder.TargetSessionAttributes, builder.SearchPath, builder.Port, builder.Database));
    }

    [Fact]
    public void Read_only_is_a_server_setting_added_to_the_users_options()
    {
        Assert.Equal("-c default_transaction_read_only=on", Build("postgres://u@h/d", AccessMode.ReadOnly).Options);
        Assert.Equal("-c work_mem=64MB -c default_transaction_read_only=on", Build("postgres://u@h/d?options=-c%20work_mem%3D64MB", AccessMode.ReadOnly).Options);
    }

    [Fact]
    public void Socket_directories_and_host_lists_reach_npgsql()
    {
        Assert.Equal("/var/run/postgresql", Build("postgres://u@%2Fvar%2Frun%2Fpostgresql/d").Host);
        Assert.Equal("/tmp", Build("postgres:///d?host=/tmp").Host);
        Assert.Equal("a:5433,b:5434", Build("postgres://u@a:5433,b:5434/d").Host);
        Assert.Equal("a:5433,b:5434", PostgresConnectionString.Where(ConnectionUrl.Parse("postgres://u@a:5433,b:5434/d")));
    }

    [Fact]
    public void A_bad_sslmode_is_a_usage_error()
    {
        var error = Assert.Throws<FerryException>(() => Build("postgres://u@h/d?sslmode=always"));
        Assert.Equal(FerryErrorKind.Usage, error.Kind);
        Assert.StartsWith("sslmode=always is not a PostgreSQL SSL mode", error.Message, StringComparison.Ordinal);
    }
}

namespace Ferry.Tests.Support;

/// <summary>
/// Where the integration tests find their servers: environment variables that scripts/test.sh sets
/// after starting throwaway servers on 127.0.0.1. A missing server is a failure, never a silent pass.
/// </summary>
public static class TestServers
{
    /// <summary>postgres://ferry:PW@127.0.0.1:PORT/ferry, a superuser that may create databases.</summary>
    public static string Postgres => Require("FERRY_TEST_POSTGRES");

    /// <summary>mysql://ferry:PW@127.0.0.1:PORT/ferry, a user with all privileges.</summary>
    public static string MySql => Require("FERRY_TEST_MYSQL");

    /// <summary>http://127.0.0.1:PORT of a sqld started with --enable-namespaces.</summary>
    public static string Sqld => Require("FERRY_TEST_SQLD");

    /// <summary>The admin API of <see cref="Sqld"/>, where namespaces are created.</summary>
    public static string SqldAdmin => Require("FERRY_TEST_SQLD_ADMIN");

    /// <summary>http://127.0.0.1:PORT of a sqld without namespaces that requires a JWT.</summary>
    public static string SqldWithAuth => Require("FERRY_TEST_SQLD_AUTH");

    /// <summary>A token <see cref="SqldWithAuth"/> accepts.</summary>
    public static string SqldToken => Require("FERRY_TEST_SQLD_TOKEN");

    /// <summary>The sqld executable, for a test that stops and restarts a server of its own (<see cref="PrivateSqld"/>).</summary>
    public static string SqldBinary => Require("FERRY_TEST_SQLD_BIN");

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set: run scripts/test.sh, which installs and starts the test servers, or point {name} at one.");
}

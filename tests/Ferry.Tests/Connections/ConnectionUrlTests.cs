using Ferry.Connections;
using Ferry.Errors;
using Xunit;

namespace Ferry.Tests.Connections;

public class ConnectionUrlTests
{
    private static readonly EnvironmentSource NoEnvironment = new("/nonexistent/.env", _ => null);

    private static ConnectionTarget Parse(string url) => ConnectionUrl.Parse(url, NoEnvironment);

    [Theory]
    [InlineData("sqlite:./data/chat.db", "./data/chat.db")]
    [InlineData("sqlite:/var/db/chat.db", "/var/db/chat.db")]
    [InlineData("sqlite:chat.db", "chat.db")]
    [InlineData("sqlite:///./data/legal.db", "./data/legal.db")] // SQLAlchemy: three slashes, relative
    [InlineData("sqlite:///data/legal.db", "data/legal.db")]
    [InlineData("sqlite:////srv/app/legal.db", "/srv/app/legal.db")] // SQLAlchemy: four slashes, absolute
    [InlineData("sqlite:///legal.db?mode=ro", "legal.db")]
    [InlineData("file:local.db", "local.db")] // Drizzle / libsql-client local files
    [InlineData("file:./data/my%20app.db", "./data/my app.db")]
    [InlineData("file:///tmp/x.db", "/tmp/x.db")]
    [InlineData("file://localhost/tmp/x.db", "/tmp/x.db")]
    [InlineData("./data/chat.db", "./data/chat.db")]
    [InlineData("chat.sqlite", "chat.sqlite")]
    [InlineData("/abs/app.sqlite3", "/abs/app.sqlite3")]
    [InlineData("C:\\data\\app.db", "C:\\data\\app.db")]
    public void SqliteFiles(string url, string path)
    {
        var target = Parse(url);
        Assert.Equal(EngineKind.Sqlite, target.Engine);
        Assert.Equal(path, target.FilePath);
    }

    [Theory]
    [InlineData(":memory:")]
    [InlineData("sqlite::memory:")]
    [InlineData("sqlite://")]
    [InlineData("sqlite:")]
    public void SqliteInMemory(string url)
    {
        var target = Parse(url);
        Assert.True(target.InMemory);
        Assert.Equal("sqlite::memory:", target.Redacted);
    }

    [Theory]
    [InlineData("postgres://app:pw@db.example.com:6543/prod", "db.example.com", 6543, "prod", "app", "pw")]
    [InlineData("postgresql://app:pw@localhost/prod", "localhost", null, "prod", "app", "pw")]
    [InlineData("postgresql+psycopg2://legal:p%40ss%2Fword@10.0.0.5:5432/legal_ai", "10.0.0.5", 5432, "legal_ai", "legal", "p@ss/word")]
    [InlineData("postgresql+asyncpg://u@h/d", "h", null, "d", "u", null)]
    [InlineData("postgres://postgres.abcd:raw@pass@aws-0.pooler.supabase.com:6543/postgres", "aws-0.pooler.supabase.com", 6543, "postgres", "postgres.abcd", "raw@pass")]
    [InlineData("postgres://u:pw@[::1]:5433/d", "::1", 5433, "d", "u", "pw")]
    [InlineData("postgres:///d?host=/var/run/postgresql&user=me", "/var/run/postgresql", null, "d", "me", null)]
    public void Postgres(string url, string host, int? port, string database, string user, string? password)
    {
        var target = Parse(url);
        Assert.Equal(EngineKind.Postgres, target.Engine);
        Assert.Equal((host, port, database, user, password), (target.Host, target.Port, target.Database, target.User, target.Password));
    }

    [Fact]
    public void PostgresKeepsSslModeAndHidesThePassword()
    {
        var target = Parse("postgres://default:Zx9-secret@ep-cool.us-east-1.aws.neon.tech/verceldb?sslmode=require");
        Assert.Equal("require", target.Options["sslmode"]);
        Assert.Equal("postgres://default:****@ep-cool.us-east-1.aws.neon.tech/verceldb?sslmode=require", target.Redacted);
        Assert.DoesNotContain("Zx9-secret", target.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mysql://ro_user:pw@127.0.0.1:3307/crm", 3307)]
    [InlineData("mariadb://ro_user:pw@127.0.0.1/crm", null)]
    [InlineData("mysql+pymysql://ro_user:pw@127.0.0.1/crm?charset=utf8mb4", null)]
    public void MySql(string url, int? port)
    {
        var target = Parse(url);
        Assert.Equal(EngineKind.MySql, target.Engine);
        Assert.Equal(("127.0.0.1", port, "crm", "ro_user", "pw"), (target.Host, target.Port, target.Database, target.User, target.Password));
        Assert.Equal($"mysql://ro_user:****@127.0.0.1{(port is null ? "" : ":" + port)}/crm" + (url.Contains("charset", StringComparison.Ordinal) ? "?charset=utf8mb4" : ""), target.Redacted);
    }

    [Fact]
    public void LibsqlIsHttpsWithTheTokenFromTheUrl()
    {
        var target = Parse("libsql://choonsim-chat-user.turso.io?authToken=eyJhbGciOiJFZERTQSJ9.abc.def");
        Assert.Equal(EngineKind.Libsql, target.Engine);
        Assert.True(target.UseTls);
        Assert.Equal("https://choonsim-chat-user.turso.io/", target.HttpBaseUri.ToString());
        Assert.Equal("eyJhbGciOiJFZERTQSJ9.abc.def", target.AuthToken);
        Assert.Equal("https://choonsim-chat-user.turso.io with token ****", target.Redacted);
    }

    [Fact]
    public void LibsqlTakesTursoAuthTokenFromTheEnvironment()
    {
        var env = new EnvironmentSource("/nonexistent/.env", name => name == "TURSO_AUTH_TOKEN" ? "tok-from-env" : null);
        Assert.Equal("tok-from-env", ConnectionUrl.Parse("libsql://db.turso.io", env).AuthToken);
        Assert.Equal("tok-in-url", ConnectionUrl.Parse("libsql://db.turso.io?authToken=tok-in-url", env).AuthToken);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", false, "127.0.0.1", 8080, null)]
    [InlineData("https://sqld.internal", true, "sqld.internal", null, null)]
    [InlineData("ws://127.0.0.1:8080", false, "127.0.0.1", 8080, null)]
    [InlineData("libsql://127.0.0.1:8080?tls=0", false, "127.0.0.1", 8080, null)]
    [InlineData("http://chat.localhost:8080", false, "127.0.0.1", 8080, "chat.localhost:8080")]
    [InlineData("http://127.0.0.1:8080?namespace=chat", false, "127.0.0.1", 8080, "chat.127.0.0.1:8080")]
    public void SelfHostedSqld(string url, bool tls, string host, int? port, string? hostHeader)
    {
        var target = Parse(url);
        Assert.Equal(EngineKind.Libsql, target.Engine);
        Assert.Equal((tls, host, port, hostHeader), (target.UseTls, target.Host, target.Port, target.HostHeader));
    }

    [Fact]
    public void EnvReadsTheUrlFromTheEnvironmentFirstThenTheEnvFile()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ferry-{Guid.NewGuid():N}.env");
        File.WriteAllText(file, "DATABASE_URL=\"postgres://app:fromfile@h/d\"\nOTHER=sqlite:./x.db\n");
        try
        {
            var env = new EnvironmentSource(file, name => name == "OTHER" ? "mysql://a:b@h/d" : null);
            Assert.Equal("fromfile", ConnectionUrl.Parse("env:DATABASE_URL", env).Password);
            Assert.Equal(EngineKind.MySql, ConnectionUrl.Parse("env:OTHER", env).Engine);
            var missing = Assert.Throws<FerryException>(() => ConnectionUrl.Parse("env:NOPE", env));
            Assert.Equal(FerryErrorKind.Usage, missing.Kind);
            Assert.Contains("NOPE", missing.Message, StringComparison.Ordinal);
            Assert.Contains(file, missing.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("foo://bar")]
    [InlineData("just-a-word")]
    [InlineData("postgres:db")]
    [InlineData("postgres://u:pw@h:99999/d")]
    [InlineData("env:")]
    public void BadUrlsAreUsageErrors(string url)
    {
        var error = Assert.Throws<FerryException>(() => Parse(url));
        Assert.Equal(FerryErrorKind.Usage, error.Kind);
    }

    [Fact]
    public void ErrorsNeverEchoThePassword()
    {
        var error = Assert.Throws<FerryException>(() => Parse("postgres://u:hunter2secret@h:notaport/d"));
        Assert.DoesNotContain("hunter2secret", error.Message, StringComparison.Ordinal);
        var scheme = Assert.Throws<FerryException>(() => Parse("postgress://u:hunter2secret@h/d"));
        Assert.DoesNotContain("hunter2secret", scheme.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheMaskerScrubsRegisteredSecretsInBothForms()
    {
        Parse("postgres://u:S3cr%2Bt%40pw@h/d");
        Assert.Equal("auth failed for **** (****)", SecretMasker.Scrub("auth failed for S3cr+t@pw (S3cr%2Bt%40pw)"));
    }
}

using Ferry.Engines.MySql;
using Ferry.Engines.Postgres;
using Xunit;

namespace Ferry.Tests.Grants;

/// <summary>The statements of a read-only login as text, without a server: names quoted as identifiers, passwords as literals.</summary>
public sealed class GrantSqlTests
{
    [Fact]
    public void PostgresGivesLoginConnectUsageSelectAndDefaultPrivilegesPerSchema()
    {
        var sql = PostgresGrants.CreateReadOnly("read \"only\"", "pa'ss\\word", "app db", ["public", "Sales"]);
        Assert.Equal(
        [
            "CREATE ROLE \"read \"\"only\"\"\" LOGIN PASSWORD 'pa''ss\\word'",
            "ALTER ROLE \"read \"\"only\"\"\" SET default_transaction_read_only = on",
            "GRANT CONNECT ON DATABASE \"app db\" TO \"read \"\"only\"\"\"",
            "GRANT USAGE ON SCHEMA \"public\" TO \"read \"\"only\"\"\"",
            "GRANT SELECT ON ALL TABLES IN SCHEMA \"public\" TO \"read \"\"only\"\"\"",
            "GRANT SELECT ON ALL SEQUENCES IN SCHEMA \"public\" TO \"read \"\"only\"\"\"",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA \"public\" GRANT SELECT ON TABLES TO \"read \"\"only\"\"\"",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA \"public\" GRANT SELECT ON SEQUENCES TO \"read \"\"only\"\"\"",
            "GRANT USAGE ON SCHEMA \"Sales\" TO \"read \"\"only\"\"\"",
            "GRANT SELECT ON ALL TABLES IN SCHEMA \"Sales\" TO \"read \"\"only\"\"\"",
            "GRANT SELECT ON ALL SEQUENCES IN SCHEMA \"Sales\" TO \"read \"\"only\"\"\"",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA \"Sales\" GRANT SELECT ON TABLES TO \"read \"\"only\"\"\"",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA \"Sales\" GRANT SELECT ON SEQUENCES TO \"read \"\"only\"\"\"",
        ], sql);
    }

    [Fact]
    public void MySqlGivesSelectAndShowViewOnTheDatabaseOnly()
    {
        var sql = MySqlGrants.CreateReadOnly(MySqlDialect.Default, "o'brien", "pa'ss\\word", "app`db");
        Assert.Equal(
        [
            "CREATE USER 'o''brien'@'%' IDENTIFIED BY 'pa''ss\\\\word'",
            "GRANT SELECT, SHOW VIEW ON `app``db`.* TO 'o''brien'@'%'",
        ], sql);
    }

    [Fact]
    public void TheWritesTriedChangeNothingEvenWhereAccepted()
    {
        Assert.Equal(["CREATE TABLE \"public\".ferry_grant_probe (x integer)", "DELETE FROM \"public\".\"t\" WHERE false"],
            PostgresGrants.Probes("\"public\"", "\"public\".\"t\""));
        Assert.Equal(["DELETE FROM `t` WHERE 0"], MySqlGrants.Probes(MySqlDialect.Default, "t"));
        Assert.Empty(MySqlGrants.Probes(MySqlDialect.Default, null));
    }
}

using Ferry.Engines.MySql;
using Xunit;

namespace Ferry.Tests.Engines.MySql;

/// <summary>
/// A read-only MySQL database sends one statement at a time (MySqlConnector always lets the server run
/// batches): what counts as a second statement, and what only looks like one.
/// </summary>
public sealed class MySqlStatementsTests
{
    [Theory]
    [InlineData("SELECT 1")]
    [InlineData("SELECT 1;")]
    [InlineData("SELECT 1 ;  -- done\n")]
    [InlineData("SELECT ';' AS semi, \";\", `a;b` FROM t")]
    [InlineData("SELECT 'it''s; fine', 'back\\'slash; too'")]
    [InlineData("SELECT 1 /* ; */ # ;\n")]
    [InlineData("SELECT 1; /* trailing comment */")]
    public void One_statement(string sql) => Assert.False(MySqlStatements.HasSeveral(sql, MySqlDialect.Default));

    [Theory]
    [InlineData("SELECT 1; INSERT INTO t VALUES (1)")]
    [InlineData("SELECT 1;SET SESSION TRANSACTION READ WRITE")]
    [InlineData("SELECT 'a\\';' ; DELETE FROM t")]
    // Executable comments are code to the server.
    [InlineData("SELECT 1 /*!; DELETE FROM t */")]
    [InlineData("SELECT 1; -- x\nDELETE FROM t")]
    public void Several_statements(string sql) => Assert.True(MySqlStatements.HasSeveral(sql, MySqlDialect.Default));

    [Fact]
    public void Without_backslash_escapes_a_backslash_ends_nothing()
    {
        // With NO_BACKSLASH_ESCAPES 'a\' is a whole literal, so the semicolon after it separates two statements.
        var noEscapes = MySqlDialect.ForSqlMode("NO_BACKSLASH_ESCAPES");
        Assert.True(MySqlStatements.HasSeveral("SELECT 'a\\'; DELETE FROM t", noEscapes));
        Assert.False(MySqlStatements.HasSeveral("SELECT 'a\\'; DELETE FROM t'", MySqlDialect.Default));
    }
}

using Xunit;
using Ferry.Engines.Libsql;

namespace Ferry.Tests.Engines.Libsql;

/// <summary>Splitting scripts into the single statements Hrana accepts.</summary>
public class LibsqlScriptTests
{
    [Fact]
    public void SplitsOnSemicolonsOutsideStringsNamesAndComments()
    {
        var statements = LibsqlScript.Split("""
            CREATE TABLE "a;b" (x TEXT DEFAULT ';');
            -- a comment; with a semicolon
            INSERT INTO "a;b" VALUES ('x;y'); /* another; */ SELECT 1
            """);
        Assert.Equal(3, statements.Count);
        Assert.Equal("CREATE TABLE \"a;b\" (x TEXT DEFAULT ';')", statements[0]);
        // Comments between statements belong to neither.
        Assert.Equal("INSERT INTO \"a;b\" VALUES ('x;y')", statements[1]);
        Assert.Equal("SELECT 1", statements[2]);
    }

    [Fact]
    public void KeepsATriggerBodyWhole()
    {
        var statements = LibsqlScript.Split("""
            CREATE TRIGGER t AFTER INSERT ON o BEGIN
              UPDATE o SET n = CASE WHEN 1 THEN 'a' ELSE 'b' END;
              DELETE FROM p;
            END;
            SELECT 2;;
            """);
        Assert.Equal(2, statements.Count);
        Assert.EndsWith("END", statements[0], StringComparison.Ordinal);
        Assert.Equal("SELECT 2", statements[1]);
    }

    [Fact]
    public void EmptyScriptsHaveNoStatements()
    {
        Assert.Empty(LibsqlScript.Split(""));
        Assert.Empty(LibsqlScript.Split(" ; ;\n"));
    }

    [Theory]
    [InlineData("BEGIN", true)]
    [InlineData("commit", true)]
    [InlineData("SAVEPOINT x", true)]
    [InlineData("INSERT INTO begin VALUES (1)", false)]
    public void RecognisesTransactionControl(string sql, bool expected) => Assert.Equal(expected, LibsqlScript.IsTransactionControl(sql));
}

using Ferry.Connections;
using Ferry.Engines;
using Ferry.Migrations;
using Xunit;

namespace Ferry.Tests.Migrations;

/// <summary>Ferry-format files split into statements by each dialect's rules, and drizzle files only at their breakpoints.</summary>
public sealed class StatementSplitTests
{
    [Fact]
    public void PostgresDollarQuotedBodiesNestedCommentsAndEscapeStringsDoNotSplit()
    {
        var statements = SqlScript.Split("""
            CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN NEW.n := 'x;'; RETURN NEW; END; $body$ LANGUAGE plpgsql;
            /* outer /* inner; */ still a comment; */
            SELECT E'it\'s; fine', $$a;b$$;
            CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;
            SELECT 3
            """, SqlFlavor.Postgres);
        Assert.Equal(
        [
            "CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN NEW.n := 'x;'; RETURN NEW; END; $body$ LANGUAGE plpgsql",
            "SELECT E'it\\'s; fine', $$a;b$$",
            "CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END",
            "SELECT 3",
        ], statements);
    }

    [Fact]
    public void MySqlRoutineBodiesWithoutDelimiterStayWhole()
    {
        var statements = SqlScript.Split("""
            CREATE DEFINER = `app`@`%` PROCEDURE p(IN n INT)
            BEGIN
              DECLARE i INT DEFAULT 0;
              IF n > 0 THEN SET i = IF(n > 10, 10, n); END IF;
              WHILE i > 0 DO SET i = i - 1; END WHILE;
              SELECT CASE WHEN i = 0 THEN 'done;' ELSE "not \" yet;" END;
            END;
            # a comment; with a semicolon
            CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW IF NEW.a IS NULL THEN SET NEW.a = 1; END IF;
            SELECT 1--1;
            """, SqlFlavor.MySql);
        Assert.StartsWith("CREATE DEFINER", statements[0], StringComparison.Ordinal);
        Assert.EndsWith("END", statements[0], StringComparison.Ordinal);
        Assert.Equal("CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW IF NEW.a IS NULL THEN SET NEW.a = 1; END IF", statements[1]);
        // In MySQL "--" starts a comment only before a blank: 1--1 is arithmetic.
        Assert.Equal("SELECT 1--1", statements[2]);
        Assert.Equal(3, statements.Count);
    }

    [Fact]
    public void DrizzleFilesSplitOnlyAtBreakpointsAndHashTheWholeText()
    {
        using var files = new MigrationFiles().Drizzle(("0000_x", 42, ["CREATE TABLE a (x text DEFAULT ';'); CREATE TABLE b (y int);", "CREATE INDEX ai ON a (x);"]));
        var migration = Assert.Single(files.Load(EngineKind.Postgres).Migrations);
        Assert.Equal(["CREATE TABLE a (x text DEFAULT ';'); CREATE TABLE b (y int);", "CREATE INDEX ai ON a (x);"], migration.Statements);
        Assert.Equal((42L, "0000", MigrationHash.Of(File.ReadAllText(migration.File))), (migration.Order, migration.Version, migration.Hash));
    }

    [Fact]
    public void NoTransactionDirectiveIsReadAndAMisspeltOneRefused()
    {
        using var files = new MigrationFiles()
            .Write("0001_index.sql", "-- ferry:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (x);\n");
        Assert.False(Assert.Single(files.Load(EngineKind.Postgres).Migrations).InTransaction);
        files.Write("0001_index.sql", "-- ferry:no-transactoin\nCREATE INDEX i ON t (x);\n");
        var refused = Assert.Throws<Ferry.Errors.FerryException>(() => files.Load(EngineKind.Postgres));
        Assert.Contains("'-- ferry:no-transactoin', which Ferry does not know", refused.Message, StringComparison.Ordinal);
    }
}

using Ferry.Engines;
using Ferry.Engines.MySql;
using Ferry.Engines.Postgres;
using Ferry.Engines.Sqlite;
using Ferry.Schema;
using Xunit;

namespace Ferry.Tests.Engines;

/// <summary>A key range as each engine is asked for it: texts compared by their bytes, ends quoted by the dialect, an open end left out.</summary>
public sealed class KeyOrderTests
{
    private static readonly Table Tag = new()
    {
        Name = "tag",
        Columns = [new Column { Name = "code", DeclaredType = "text", Type = NeutralType.Text, Nullable = false }, new Column { Name = "n", DeclaredType = "bigint", Type = NeutralType.Int64, Nullable = false }],
        PrimaryKey = new PrimaryKey(null, ["code"]),
    };

    [Fact]
    public void EachEngineComparesATextKeyByItsBytes()
    {
        var range = new RowReadOptions { Within = new KeyRange(["k0'7"], [@"k1\"]), OrderedByKey = true };
        Assert.Equal(@" WHERE ""code"" COLLATE ""C"" >= 'k0''7' AND ""code"" COLLATE ""C"" < 'k1\' ORDER BY ""code"" COLLATE ""C""",
            KeyOrder.Clause(Tag, range, AnsiDialect.Instance, c => PostgresRangeHash.Instance.ByBytes(c, AnsiDialect.Instance)));
        Assert.Equal(@" WHERE CAST(`code` AS BINARY) >= 'k0''7' AND CAST(`code` AS BINARY) < 'k1\\' ORDER BY CAST(`code` AS BINARY)",
            KeyOrder.Clause(Tag, range, MySqlDialect.Default, c => MySqlRangeHash.Instance.ByBytes(c, MySqlDialect.Default)));
        Assert.Equal(@" WHERE ""code"" COLLATE BINARY >= 'k0''7' AND ""code"" COLLATE BINARY < 'k1\' ORDER BY ""code"" COLLATE BINARY",
            KeyOrder.Clause(Tag, range, AnsiDialect.Instance, c => SqliteRangeHash.Instance.ByBytes(c, AnsiDialect.Instance)));
    }

    [Fact]
    public void AnOpenEndIsLeftOutAndAnIntegerIsItsDigits()
    {
        var table = Tag with { PrimaryKey = new PrimaryKey(null, ["n"]) };
        string Where(KeyRange range) => KeyOrder.Where(table, range, AnsiDialect.Instance, c => PostgresRangeHash.Instance.ByBytes(c, AnsiDialect.Instance));
        Assert.Equal(@" WHERE ""n"" >= -5", Where(new KeyRange([-5L], null)));
        Assert.Equal(@" WHERE ""n"" < 9223372036854775807", Where(new KeyRange(null, [long.MaxValue])));
        Assert.Equal("", Where(KeyRange.All));
    }

    [Fact]
    public void ACompositeKeyIsComparedColumnByColumnWithTheFirstColumnsOwnBoundFirst()
    {
        var table = Tag with { PrimaryKey = new PrimaryKey(null, ["code", "n"]) };
        var range = new KeyRange(["k1", 5L], ["k2", 7L]);
        Assert.Equal(
            @" WHERE ""code"" COLLATE ""C"" >= 'k1' AND (""code"" COLLATE ""C"" > 'k1' OR ""code"" COLLATE ""C"" = 'k1' AND ""n"" >= 5)"
            + @" AND ""code"" COLLATE ""C"" <= 'k2' AND (""code"" COLLATE ""C"" < 'k2' OR ""code"" COLLATE ""C"" = 'k2' AND ""n"" < 7)",
            KeyOrder.Where(table, range, AnsiDialect.Instance, c => PostgresRangeHash.Instance.ByBytes(c, AnsiDialect.Instance)));
        Assert.Equal(
            " WHERE CAST(`code` AS BINARY) >= 'k1' AND (CAST(`code` AS BINARY) > 'k1' OR CAST(`code` AS BINARY) = 'k1' AND `n` >= 5)"
            + " AND CAST(`code` AS BINARY) <= 'k2' AND (CAST(`code` AS BINARY) < 'k2' OR CAST(`code` AS BINARY) = 'k2' AND `n` < 7)",
            KeyOrder.Where(table, range, MySqlDialect.Default, c => MySqlRangeHash.Instance.ByBytes(c, MySqlDialect.Default)));
    }

    [Fact]
    public void ANullableKeyColumnsNullSortsBeforeEveryBoundary()
    {
        // SQLite lets a key column other than an INTEGER PRIMARY KEY hold NULL, which CanonicalOrder puts first.
        var table = Tag with
        {
            Columns = [.. Tag.Columns.Select(c => c with { Nullable = true })],
            PrimaryKey = new PrimaryKey(null, ["code", "n"]),
        };
        Assert.Equal(
            @"(""code"" COLLATE BINARY IS NULL OR ""code"" COLLATE BINARY <= 'k2') AND (""code"" COLLATE BINARY IS NULL OR ""code"" COLLATE BINARY < 'k2'"
            + @" OR ""code"" COLLATE BINARY = 'k2' AND (""n"" COLLATE BINARY IS NULL OR ""n"" COLLATE BINARY < 7))",
            KeyOrder.Before(table, ["k2", 7L], AnsiDialect.Instance, c => SqliteRangeHash.Instance.ByBytes(c, AnsiDialect.Instance)));
        Assert.Equal(@" WHERE ""code"" COLLATE BINARY >= 'k1' AND (""code"" COLLATE BINARY > 'k1' OR ""code"" COLLATE BINARY = 'k1' AND ""n"" COLLATE BINARY >= 5)",
            KeyOrder.Where(table, new KeyRange(["k1", 5L], null), AnsiDialect.Instance, c => SqliteRangeHash.Instance.ByBytes(c, AnsiDialect.Instance)));
    }

    [Fact]
    public void AUuidIsItsLowercaseText() =>
        Assert.Equal("'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", KeyOrder.Literal(Guid.Parse("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"), AnsiDialect.Instance));
}

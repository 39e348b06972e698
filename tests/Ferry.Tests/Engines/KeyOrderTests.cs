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
        Columns = [new Column { Name = "code", DeclaredType = "text", Type = NeutralType.Text }, new Column { Name = "n", DeclaredType = "bigint", Type = NeutralType.Int64 }],
        PrimaryKey = new PrimaryKey(null, ["code"]),
    };

    [Fact]
    public void EachEngineComparesATextKeyByItsBytes()
    {
        var range = new RowReadOptions { Within = new KeyRange("k0'7", @"k1\"), OrderedByKey = true };
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
        Assert.Equal(@" WHERE ""n"" >= -5", Where(new KeyRange(-5L, null)));
        Assert.Equal(@" WHERE ""n"" < 9223372036854775807", Where(new KeyRange(null, long.MaxValue)));
        Assert.Equal("", Where(KeyRange.All));
    }
}

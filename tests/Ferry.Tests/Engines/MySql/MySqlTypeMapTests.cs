using Ferry.Engines.MySql;
using Ferry.Schema;
using Xunit;

namespace Ferry.Tests.Engines.MySql;

public class MySqlTypeMapTests
{
    [Theory]
    [InlineData("tinyint", "tinyint(1)", NeutralType.Boolean)]
    [InlineData("tinyint", "tinyint(4)", NeutralType.Int16)]
    [InlineData("tinyint", "tinyint(1) unsigned", NeutralType.Int16)]
    [InlineData("smallint", "smallint(5) unsigned", NeutralType.Int32)]
    [InlineData("int", "int(11)", NeutralType.Int32)]
    [InlineData("int", "int(10) unsigned", NeutralType.Int64)]
    [InlineData("mediumint", "mediumint(9)", NeutralType.Int32)]
    [InlineData("bigint", "bigint(20)", NeutralType.Int64)]
    [InlineData("bigint", "bigint unsigned", NeutralType.Decimal)]
    [InlineData("decimal", "decimal(10,2)", NeutralType.Decimal)]
    [InlineData("float", "float", NeutralType.Float32)]
    [InlineData("double", "double", NeutralType.Float64)]
    [InlineData("varchar", "varchar(255)", NeutralType.Text)]
    [InlineData("longtext", "longtext", NeutralType.Text)]
    [InlineData("varbinary", "varbinary(16)", NeutralType.Blob)]
    [InlineData("mediumblob", "mediumblob", NeutralType.Blob)]
    [InlineData("date", "date", NeutralType.Date)]
    [InlineData("time", "time(3)", NeutralType.Time)]
    [InlineData("datetime", "datetime(6)", NeutralType.Timestamp)]
    [InlineData("timestamp", "timestamp", NeutralType.TimestampTz)]
    [InlineData("json", "json", NeutralType.Json)]
    [InlineData("year", "year(4)", NeutralType.Int16)]
    [InlineData("enum", "enum('a','b')", NeutralType.Other)]
    [InlineData("set", "set('a','b')", NeutralType.Other)]
    [InlineData("bit", "bit(1)", NeutralType.Other)]
    [InlineData("geometry", "geometry", NeutralType.Other)]
    public void Maps_declared_types(string dataType, string columnType, NeutralType expected) =>
        Assert.Equal(expected, MySqlTypeMap.ToNeutral(dataType, columnType));

    [Fact]
    public void MariaDb_json_is_longtext_with_a_json_valid_check() =>
        Assert.Equal(NeutralType.Json, MySqlTypeMap.ToNeutral("longtext", "longtext", hasJsonCheck: true));
}

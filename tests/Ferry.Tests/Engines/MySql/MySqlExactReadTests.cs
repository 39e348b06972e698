using Ferry.Connections;
using Ferry.Engines;
using Ferry.Schema;
using Ferry.Tests.Support;
using Ferry.Values;
using Xunit;

namespace Ferry.Tests.Engines.MySql;

/// <summary>
/// The values a table read hands the copy, at the edges of MySQL's types, on a real server: each exactly as
/// stored, or carried so the copy can store it exactly or refuse it by name — never rounded, wrapped or dropped.
/// </summary>
public sealed class MySqlExactReadTests
{
    private const string Ddl = """
        CREATE TABLE edges (
          id INT PRIMARY KEY, u BIGINT UNSIGNED, big DECIMAL(65,30), f FLOAT, bits BIT(10), bit64 BIT(64), y YEAR,
          tm TIME(6), day DATE, at DATETIME, bin VARBINARY(8), fixed BINARY(4), j JSON)
        """;

    // Zero and partial dates need a lenient sql_mode to be stored, and exist in old databases.
    private const string Rows = """
        SET SESSION sql_mode = '';
        INSERT INTO edges VALUES
          (1, 18446744073709551615, 12345678901234567890123456789012345.123456789012345678901234567890, 16777215,
           b'1010101010', b'1111111111111111111111111111111111111111111111111111111111111111', 2155,
           '838:59:59', '2024-02-29', '2024-02-29 13:14:15', X'00FF', X'01020304', '{"a": [1, "🚢"]}'),
          (2, 9223372036854775808, 1.123456789012345678901234567891, 0.1234567, b'0', b'1', 1901,
           '-838:59:59', '0000-00-00', '0000-00-00 00:00:00', X'', X'00', '[]'),
          (3, 0, -0.5, 1.1, NULL, NULL, 0, '25:00:00.5', '2024-00-00', NULL, NULL, NULL, NULL)
        """;

    [Fact]
    public async Task Edge_values_are_read_exactly()
    {
        await using var scratch = await ScratchDatabase.MySqlAsync();
        await using var db = await scratch.OpenAsync();
        await db.ExecuteAsync(Ddl, default);
        await db.ExecuteAsync(Rows, default);
        var table = (await db.ReadSchemaAsync(default)).FindTable("edges")!;

        var rows = new List<object?[]>();
        await foreach (var row in db.ReadRowsAsync(table, default)) rows.Add(row);
        rows.Sort((a, b) => ((long)a[0]!).CompareTo((long)b[0]!));

        // BIGINT UNSIGNED and BIT(64) up to 2^64-1: past long's range the ulong itself, not clamped or wrapped.
        Assert.Equal(ulong.MaxValue, Assert.IsType<ulong>(rows[0][1]));
        Assert.Equal(9223372036854775808UL, Assert.IsType<ulong>(rows[1][1]));
        Assert.Equal(0L, Assert.IsType<long>(rows[2][1]));
        Assert.Equal(ulong.MaxValue, Assert.IsType<ulong>(rows[0][5]));
        Assert.Equal(1L, rows[1][5]);

        // DECIMAL(65,30): the exact text where System.Decimal would lose digits (35 before the point;
        // 31 significant ones, which decimal.Parse would round), a decimal where it holds them all.
        Assert.Equal("12345678901234567890123456789012345.123456789012345678901234567890", Assert.IsType<string>(rows[0][2]));
        Assert.Equal("1.123456789012345678901234567891", Assert.IsType<string>(rows[1][2]));
        Assert.Equal(-0.5m, Assert.IsType<decimal>(rows[2][2]));

        // FLOAT at its full single precision: the text protocol alone would say 16777200 and 0.123457.
        Assert.Equal([16777215.0, 0.1234567, 1.1], rows.Select(r => Assert.IsType<double>(r[3])));

        Assert.Equal(0b1010101010L, rows[0][4]);
        Assert.Equal(0L, rows[1][4]);
        Assert.Equal([2155L, 1901L, 0L], rows.Select(r => Assert.IsType<long>(r[6])));

        // TIME is a duration of ±838:59:59, not a time of day.
        Assert.Equal(new TimeSpan(0, 838, 59, 59), rows[0][7]);
        Assert.Equal(-new TimeSpan(0, 838, 59, 59), rows[1][7]);
        Assert.Equal(new TimeSpan(0, 25, 0, 0, 500), rows[2][7]);

        Assert.Equal(new DateTime(2024, 2, 29), rows[0][8]);
        Assert.Equal(new DateTime(2024, 2, 29, 13, 14, 15), rows[0][9]);
        // Zero and partial dates have no DateTime: they come as MySQL shows them, for the copy to refuse by name.
        Assert.Equal(["0000-00-00", "0000-00-00 00:00:00"], rows[1][8..10]);
        Assert.Equal("2024-00-00", rows[2][8]);

        Assert.Equal(new byte[] { 0x00, 0xFF }, rows[0][10]);
        Assert.Equal([], Assert.IsType<byte[]>(rows[1][10]));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, rows[0][11]);
        Assert.Equal(new byte[] { 0, 0, 0, 0 }, rows[1][11]); // BINARY pads with zero bytes
        Assert.Equal("{\"a\": [1, \"🚢\"]}", Assert.IsType<string>(rows[0][12]));
        Assert.Equal("[]", rows[1][12]);
        Assert.Null(rows[2][12]);
    }

    [Fact]
    public void Carried_values_are_stored_exactly_or_refused_by_name()
    {
        var toDecimal = Conversion.For(new TypeChoice { Type = NeutralType.Decimal, Evidence = "test" }, EngineKind.Postgres).Apply;
        Assert.Equal(18446744073709551615m, toDecimal(ulong.MaxValue));
        var toBigint = Conversion.For(new TypeChoice { Type = NeutralType.Int64, Evidence = "test" }, EngineKind.Postgres).Apply;
        var tooBig = Assert.Throws<ValueRefusedException>(() => toBigint(ulong.MaxValue));
        Assert.Contains("18446744073709551615", tooBig.Message, StringComparison.Ordinal);
        var toDate = Conversion.For(new TypeChoice { Type = NeutralType.Date, Evidence = "test" }, EngineKind.Postgres).Apply;
        var zero = Assert.Throws<ValueRefusedException>(() => toDate("0000-00-00"));
        Assert.Contains("'0000-00-00'", zero.Message, StringComparison.Ordinal);
    }
}

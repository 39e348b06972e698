using Ferry.Engines;
using Ferry.Engines.MySql;
using Ferry.Errors;
using Ferry.Schema;
using Xunit;

namespace Ferry.Tests.Engines.MySql;

/// <summary>Rows out (streamed) and in (LOAD DATA LOCAL INFILE), on a real server.</summary>
public sealed class MySqlRowTests(MySqlFixture fixture) : IClassFixture<MySqlFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private const string TargetDdl = """
        CREATE TABLE target (
          id INT PRIMARY KEY, flag TINYINT(1), n BIGINT, m DECIMAL(12,3), d DOUBLE, f FLOAT, t TEXT, b BLOB,
          day DATE, at DATETIME(6), ts TIMESTAMP(6) NULL, tm TIME(6), twice INT AS (id * 2) STORED)
        """;

    [Fact]
    public async Task Rows_stream_out_in_model_order()
    {
        var table = (await fixture.Source.ReadSchemaAsync(None)).FindTable("메시지")!;
        var rows = await ToList(fixture.Source.ReadRowsAsync(table, None));
        Assert.Equal(7, rows.Count);
        Assert.All(rows, r => Assert.Equal(table.Columns.Count, r.Length));
        var first = rows.Single(r => (long)r[0]! == 1);
        Assert.Equal([1L, "안녕하세요 👋", "it's a \\ \"fine\" day", 1L, "{\"a\": 1}", 1L], first);
        Assert.Contains(rows, r => (string)r[1]! == "" && r[2] is null && r[4] is null);
    }

    [Fact]
    public async Task Rows_load_exactly_and_read_back_the_same()
    {
        await using var writer = await MySqlEngine.OpenAsync(fixture.Target, new OpenOptions { Access = AccessMode.ReadWrite }, None);
        await writer.ExecuteAsync(TargetDdl, None);
        var table = (await writer.ReadSchemaAsync(None)).FindTable("target")!;
        var instant = new DateTime(2024, 3, 31, 1, 30, 0, 123, 456, DateTimeKind.Utc);
        object?[][] rows =
        [
            [1L, true, long.MaxValue, 12345.678m, 1.5, 1.1, "tab\tnew\nline\\back \\N 안녕 👋 nul\0end", new byte[] { 0, 9, 10, 0x5C, 0xFF }, new DateOnly(2024, 2, 29),
                new DateTime(2024, 2, 29, 23, 59, 59, 999), instant, new TimeOnly(13, 14, 15), null],
            [2L, false, long.MinValue, -0.001m, -2.25e300, 0.0, "", Array.Empty<byte>(), null, null, null, null, null],
            [3L, null, null, null, null, null, "\\N", null, null, null, null, null, null],
        ];
        Assert.Equal(3, await writer.WriteRowsAsync(table, rows.ToAsyncEnumerable(), None));

        var back = (await ToList(writer.ReadRowsAsync(table, None))).OrderBy(r => (long)r[0]!).ToList();
        Assert.Equal(3, back.Count);
        Assert.Equal([1L, 1L, long.MaxValue, 12345.678m, 1.5, 1.1, (string)rows[0][6]!, new byte[] { 0, 9, 10, 0x5C, 0xFF }, new DateTime(2024, 2, 29)], back[0][..9]);
        Assert.Equal(new DateTime(2024, 2, 29, 23, 59, 59, 999), back[0][9]);
        var ts = Assert.IsType<DateTime>(back[0][10]);
        Assert.Equal((instant, DateTimeKind.Utc), (ts, ts.Kind));
        Assert.Equal(new TimeSpan(13, 14, 15), back[0][11]);
        Assert.Equal(2L, back[0][12]); // generated, not loaded
        Assert.Equal([2L, 0L, long.MinValue, -0.001m, -2.25e300, 0.0, "", Array.Empty<byte>(), null, null, null, null, 4L], back[1]);
        // The two characters \N are text, not NULL.
        Assert.Equal("\\N", back[2][6]);
        Assert.Null(back[2][1]);
    }

    [Fact]
    public async Task A_load_that_breaks_a_key_keeps_nothing()
    {
        await using var writer = await MySqlEngine.OpenAsync(fixture.Target, new OpenOptions { Access = AccessMode.ReadWrite }, None);
        await writer.ExecuteAsync("CREATE TABLE keyed (id INT PRIMARY KEY, v INT NOT NULL)", None);
        var table = (await writer.ReadSchemaAsync(None)).FindTable("keyed")!;
        // LOAD DATA LOCAL skips duplicate keys and bad values with a warning; Ferry must not.
        var duplicate = await Assert.ThrowsAsync<FerryException>(() =>
            writer.WriteRowsAsync(table, new object?[][] { [1L, 1L], [2L, 2L], [1L, 3L] }.ToAsyncEnumerable(), None));
        Assert.Contains("keyed", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("2 of 3", duplicate.Message, StringComparison.Ordinal);
        var badValue = await Assert.ThrowsAsync<FerryException>(() =>
            writer.WriteRowsAsync(table, new object?[][] { [5L, 1L], [6L, "not a number"] }.ToAsyncEnumerable(), None));
        Assert.Contains("keyed", badValue.Message, StringComparison.Ordinal);
        Assert.Equal([[0L]], await writer.QueryAsync("SELECT count(*) FROM keyed", None));

        Assert.Equal(2, await writer.WriteRowsAsync(table, new object?[][] { [1L, 1L], [2L, 2L] }.ToAsyncEnumerable(), None));
        Assert.Equal([[2L]], await writer.QueryAsync("SELECT count(*) FROM keyed", None));
    }

    [Fact]
    public async Task A_load_of_several_chunks_is_one_transaction()
    {
        await using var writer = await MySqlEngine.OpenAsync(fixture.Target, new OpenOptions { Access = AccessMode.ReadWrite }, None);
        await writer.ExecuteAsync("CREATE TABLE many (id INT PRIMARY KEY, v INT NOT NULL)", None);
        var table = (await writer.ReadSchemaAsync(None)).FindTable("many")!;
        const int count = 120_001; // three chunks of at most 50,000 rows
        static IEnumerable<object?[]> Rows(int n, bool duplicateAtEnd) =>
            Enumerable.Range(1, n).Select(i => new object?[] { duplicateAtEnd && i == n ? 1L : (long)i, (long)(i % 7) });

        // The last chunk fails; the two already loaded go with it.
        await Assert.ThrowsAsync<FerryException>(() => writer.WriteRowsAsync(table, Rows(count, duplicateAtEnd: true).ToAsyncEnumerable(), None));
        Assert.Equal([[0L]], await writer.QueryAsync("SELECT count(*) FROM many", None));

        Assert.Equal(count, await writer.WriteRowsAsync(table, Rows(count, duplicateAtEnd: false).ToAsyncEnumerable(), None));
        Assert.Equal([[(long)count, (long)count * (count + 1) / 2]], await writer.QueryAsync("SELECT count(*), CAST(sum(id) AS SIGNED) FROM many", None));
    }

    [Fact]
    public async Task A_read_only_database_refuses_a_load()
    {
        var table = (await fixture.Source.ReadSchemaAsync(None)).FindTable("pair")!;
        var error = await Assert.ThrowsAsync<FerryException>(() =>
            fixture.Source.WriteRowsAsync(table, new object?[][] { [5L, "q"] }.ToAsyncEnumerable(), None));
        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        Assert.Equal([[2L]], await fixture.Source.QueryAsync("SELECT count(*) FROM pair", None));
    }

    private static async Task<List<object?[]>> ToList(IAsyncEnumerable<object?[]> rows)
    {
        var list = new List<object?[]>();
        await foreach (var row in rows) list.Add(row);
        return list;
    }
}

using System.Runtime.CompilerServices;
using Ferry.Engines;
using Ferry.Errors;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Engines.Postgres;

/// <summary>
/// Ferry writes PostgreSQL's binary COPY format itself: every type's bytes are checked here against
/// the text PostgreSQL renders for them, and a load that fails half-way must keep nothing.
/// </summary>
public sealed class PostgresBulkWriteTests : IAsyncLifetime
{
    private ScratchDatabase _scratch = null!;
    private IDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _scratch = await ScratchDatabase.PostgresAsync();
        _db = await _scratch.OpenAsync();
        await _db.ExecuteAsync("""
            CREATE TABLE "every type's" (
              n int, b boolean, s smallint, i integer, l bigint, m numeric, f real, d double precision, t text, j jsonb,
              bin bytea, day date, clock time, at timestamp, atz timestamptz, span interval, u uuid);
            CREATE TABLE big (n int, t text, bin bytea);
            """, default);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _scratch.DisposeAsync();
    }

    [Fact]
    public async Task EveryTypeArrivesAsPostgreSqlReadsIt()
    {
        var table = (await _db.ReadSchemaAsync(default)).FindTable("every type's")!;
        object?[] Row(int n, params object?[] values) => [(long)n, .. values];
        var utc = DateTimeKind.Utc;
        var rows = new List<object?[]>
        {
            Row(1, true, -32768L, int.MinValue + 0L, long.MinValue, 0m, 1.5, -0.0, "", "{\"a\": [1, \"한\"]}", Array.Empty<byte>(),
                new DateOnly(1, 1, 1), new TimeOnly(0, 0), new DateTime(1999, 12, 31, 23, 59, 59, 999, 999), new DateTime(2000, 1, 1, 0, 0, 0, utc),
                new TimeSpan(1, 2, 3, 4), Guid.Parse("00112233-4455-6677-8899-aabbccddeeff")),
            Row(2, false, 32767L, int.MaxValue + 0L, long.MaxValue, -12345.6789m, float.MaxValue + 0.0, double.Epsilon, "안녕하세요 👋 \"quoted\"\n\ttab", "[]", new byte[] { 0, 255, 10 },
                new DateOnly(9999, 12, 31), new TimeOnly(23, 59, 59, 999, 999), new DateTime(2024, 2, 29, 12, 0, 0), new DateTime(2024, 6, 1, 8, 30, 0, utc),
                -new TimeSpan(0, 0, 0, 1, 500), Guid.Empty),
            Row(3, null, null, null, null, 0.0001m, null, double.NaN, null, null, null, null, null, null, null, null, null),
            Row(4, null, null, null, null, -0.00m, double.NegativeInfinity, double.PositiveInfinity, null, null, null, null, null, null, null, null, null),
            Row(5, null, null, null, null, decimal.MaxValue, null, null, null, null, null, null, null, null, null, null, null),
            Row(6, null, null, null, null, 0.0000000000000000000000000001m, null, null, null, null, null, null, null, null, null, null, null),
            // Past decimal's 28 digits a numeric travels as its text, and so does NaN.
            Row(7, null, null, null, null, "-123456789012345678901234567890.1234567890123", null, null, null, null, null, null, null, null, null, null, null),
            Row(8, null, null, null, null, "NaN", null, null, null, null, null, null, null, null, null, null, null),
            Row(9, null, null, null, null, 10000m, null, null, null, null, null, null, null, null, null, null, null),
        };
        Assert.Equal(rows.Count, await _db.WriteRowsAsync(table, Stream(rows), default));

        var text = await _db.QueryAsync("""
            SELECT n, b::text, s::text, i::text, l::text, m::text, f::text, d::text, t, j::text, encode(bin, 'hex'),
                   day::text, clock::text, at::text, (atz AT TIME ZONE 'UTC')::text, span::text, u::text
            FROM "every type's" ORDER BY n
            """, default);
        Assert.Equal(new object?[] { 1L, "true", "-32768", "-2147483648", "-9223372036854775808", "0", "1.5", "-0", "", "{\"a\": [1, \"한\"]}", "",
            "0001-01-01", "00:00:00", "1999-12-31 23:59:59.999999", "2000-01-01 00:00:00", "1 day 02:03:04", "00112233-4455-6677-8899-aabbccddeeff" }, text[0]);
        Assert.Equal(new object?[] { 2L, "false", "32767", "2147483647", "9223372036854775807", "-12345.6789", "3.4028235e+38", "5e-324", "안녕하세요 👋 \"quoted\"\n\ttab", "[]", "00ff0a",
            "9999-12-31", "23:59:59.999999", "2024-02-29 12:00:00", "2024-06-01 08:30:00", "-00:00:01.5", "00000000-0000-0000-0000-000000000000" }, text[1]);
        Assert.Equal(new object?[] { "0.0001", "NaN" }, new[] { text[2][5], text[2][7] });
        Assert.Equal(new object?[] { "0.00", "-Infinity", "Infinity" }, new[] { text[3][5], text[3][6], text[3][7] });
        Assert.Equal("79228162514264337593543950335", text[4][5]);
        Assert.Equal("0.0000000000000000000000000001", text[5][5]);
        Assert.Equal("-123456789012345678901234567890.1234567890123", text[6][5]);
        Assert.Equal("NaN", text[7][5]);
        Assert.Equal("10000", text[8][5]);
        Assert.All(text.Skip(2), r => Assert.Null(r[1]));
    }

    [Fact]
    public async Task ValuesLargerThanTheBufferArriveWhole()
    {
        var table = (await _db.ReadSchemaAsync(default)).FindTable("big")!;
        var blob = Enumerable.Range(0, 1 << 20).Select(i => (byte)(i * 7)).ToArray();
        var longText = string.Concat(Enumerable.Repeat("가나다 abc ", 40_000));
        await _db.WriteRowsAsync(table, Stream([[1L, longText, blob], [2L, "small", new byte[] { 1 }], [3L, longText[..21_000], blob[..70_000]]]), default);

        var back = await _db.QueryAsync("SELECT n, t, bin FROM big ORDER BY n", default);
        Assert.Equal(longText, back[0][1]);
        Assert.Equal(blob, back[0][2]);
        Assert.Equal(new object?[] { 2L, "small", new byte[] { 1 } }, back[1]);
        Assert.Equal(longText[..21_000], back[2][1]);
        Assert.Equal(blob[..70_000], back[2][2]);
    }

    [Fact]
    public async Task ALoadThatFailsHalfWayKeepsNothing()
    {
        var table = (await _db.ReadSchemaAsync(default)).FindTable("big")!;
        var failure = await Assert.ThrowsAsync<FerryException>(() => _db.WriteRowsAsync(table, FailAfter(50_000), default));
        Assert.Contains("source went away", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0L, (await _db.QueryAsync("SELECT count(*) FROM big", default))[0][0]);
        // The connection is usable afterwards: the COPY was cancelled, not left open.
        Assert.Equal(2L, await _db.WriteRowsAsync(table, Stream([[1L, "a", null], [2L, "b", null]]), default));
    }

    private static async IAsyncEnumerable<object?[]> Stream(IEnumerable<object?[]> rows)
    {
        foreach (var row in rows) yield return row;
        await Task.CompletedTask;
    }

    private static async IAsyncEnumerable<object?[]> FailAfter(int count, [EnumeratorCancellation] CancellationToken ct = default)
    {
        for (var i = 0; i < count; i++) yield return [(long)i, "row " + i, new byte[100]];
        await Task.Yield();
        throw new FerryException(FerryErrorKind.Failed, "The source went away.");
    }
}

using Xunit;
using Ferry.Engines;
using Ferry.Engines.Libsql;
using Ferry.Errors;

namespace Ferry.Tests.Engines.Libsql;

/// <summary>Large results: past sqld's 10 MB response cap, through the cursor endpoint.</summary>
public sealed class LibsqlCursorTests : IAsyncLifetime
{
    private const int Rows = 50_000;
    private const int TextLength = 300;
    private static readonly CancellationToken None = CancellationToken.None;
    private SqldNamespace _namespace = null!;

    public async Task InitializeAsync()
    {
        _namespace = await SqldNamespace.CreateAsync("ferry-cursor");
        await using var database = await _namespace.OpenAsync(AccessMode.ReadWrite);
        // 50,000 rows of 300 characters: about 19 MB of JSON, well past the 10 MB a pipeline may answer.
        await database.ExecuteAsync($"""
            CREATE TABLE big (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Rows})
            INSERT INTO big SELECT i, printf('%0{TextLength}d', i) FROM n
            """, None);
    }

    public async Task DisposeAsync() => await _namespace.DisposeAsync();

    [Fact]
    public async Task TheCursorReturnsEveryRowInOrder()
    {
        await using var database = await _namespace.OpenAsync(AccessMode.ReadOnly);
        var expected = 1L;
        long bytes = 0;
        await foreach (var row in ((LibsqlDatabase)database).StreamAsync("SELECT id, body FROM big ORDER BY id", None))
        {
            Assert.Equal(expected, (long)row[0]!);
            var body = (string)row[1]!;
            Assert.Equal(TextLength, body.Length);
            Assert.Equal(expected, long.Parse(body));
            bytes += body.Length;
            expected++;
        }
        Assert.Equal(Rows + 1, expected);
        Assert.True(bytes > 10 * 1024 * 1024);
    }

    [Theory]
    [InlineData(AccessMode.ReadWrite)]
    [InlineData(AccessMode.ReadOnly)]
    public async Task QueryFallsBackToTheCursorWhenTheResponseIsTooLarge(AccessMode access)
    {
        await using var database = await _namespace.OpenAsync(access);
        // Proof the cap is real: the same query in a plain pipeline is refused by the server.
        var raw = await Assert.ThrowsAsync<InvalidOperationException>(() => _namespace.RawQueryAsync("SELECT id, body FROM big"));
        Assert.Contains("RESPONSE_TOO_LARGE", raw.Message, StringComparison.Ordinal);

        var rows = await database.QueryAsync("SELECT id, body FROM big ORDER BY id", None);
        Assert.Equal(Rows, rows.Count);
        Assert.Equal(Enumerable.Range(1, Rows).Select(i => (long)i), rows.Select(r => (long)r[0]!));
    }

    [Fact]
    public async Task AnErrorMidCursorIsThrownNotSwallowed()
    {
        await using var database = await _namespace.OpenAsync(AccessMode.ReadOnly);
        var read = 0;
        // abs(long.MinValue) overflows: the statement fails after it has sent rows.
        var e = await Assert.ThrowsAsync<FerryException>(async () =>
        {
            await foreach (var _ in ((LibsqlDatabase)database).StreamAsync(
                "SELECT CASE WHEN id < 1000 THEN id ELSE abs(-9223372036854775807 - 1) END FROM big ORDER BY id", None)) read++;
        });
        Assert.Contains("integer overflow", e.Message, StringComparison.Ordinal);
        Assert.Equal(999, read);
    }
}

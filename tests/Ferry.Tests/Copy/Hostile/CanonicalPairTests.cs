using Ferry.Connections;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy.Hostile;

/// <summary>
/// A SQLite database of the values real applications accumulate, copied into every other engine with
/// --rejects and compared cell by cell through the canonical encoding: each value the plan's conversion
/// accepts arrives as that value (read back and read as the planned type), and each one it refuses is in
/// the rejects file under its table, key and column. Nothing changed in silence, no table lost.
/// </summary>
public sealed class CanonicalPairTests : IAsyncLifetime
{
    private SqliteSource _sqlite = null!;

    private ConnectionTarget Source => _sqlite.Target;

    public async Task InitializeAsync()
    {
        _sqlite = await SqliteSource.CreateAsync("""
            CREATE TABLE mixed (id INTEGER PRIMARY KEY, anything, num NUMERIC, made DATETIME, flag BOOLEAN, doc JSON, name VARCHAR(5), price DECIMAL(6,2), r REAL, n INTEGER, b BLOB);
            INSERT INTO mixed VALUES
              (1, 1, 1.2345678901234568E+29, '2024-01-02 03:04:05', 1, '{"b":1,"a":2}', 'short', 12.5, 1240.11, 9223372036854775807, X'00FF'),
              (2, 'text', 42, '2024-02-29T23:59:59.123456Z', 0, '[1,2.50]', 'much longer', 1000.005, -0.0, -9223372036854775808, 'text in a blob'),
              (3, X'89504E47', 1e-300, 1700000000, 'true', 'not json', '한국어', 'abc', 9e999, 'seven', X''),
              (4, 2.5, NULL, '2024-01-02T03:04:05+09:00', 2, '{"a":{"b":[null]}}', '', 0.1, 5e-324, 2.0, NULL),
              (5, NULL, -0.0, '1969-12-31 23:59:59', 'FALSE', '"x"', NULL, -99.99, 1.0, NULL, X'DEADBEEF'),
              (6, CAST(X'FF41' AS TEXT), 7, 'yesterday', 1, '{}', 'a' || char(0) || 'b', 7, 3.0, 7, 'x'),
              (7, 'plain', 3.25, '2023-11-14 22:13:20', 0, '{"k":"값"}', 'ok', 0.5, 0.1, 0, X'01'),
              (8, '🎉', 100, '0001-01-01 00:00:00', 1, '[]', 'abcde', 9999.99, 1e308, 1, X'0203'),
              (9, 'y', -5, '9999-12-31 23:59:59.999999', 0, 'null', 'z', -0.01, -1.5, -1, X'');
            CREATE TABLE after_mixed (id INTEGER PRIMARY KEY, note TEXT);
            INSERT INTO after_mixed VALUES (1, 'still here'), (2, '');
            """);
    }

    public Task DisposeAsync()
    {
        _sqlite.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("mysql")]
    [InlineData("sqld")]
    [InlineData("sqlite")]
    public async Task EveryValueArrivesOrIsRefusedByName(string engine)
    {
        var compared = await HostileComparison.CopyAndCompareAsync(Source, engine, _sqlite.Folder);
        // Every table's clean rows were compared, not only refusals checked.
        Assert.True(compared > 60, $"only {compared} cells compared");
    }
}

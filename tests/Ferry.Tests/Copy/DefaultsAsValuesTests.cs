using Ferry.Connections;
using Ferry.Engines;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>
/// Defaults are values: a constant goes through the column's own converter and is written as the target's
/// literal; one the chosen type cannot hold is left out with a warning, and every table is created.
/// Proven by inserting a row that takes every default in the target.
/// </summary>
public sealed class DefaultsAsValuesTests : IAsyncLifetime
{
    private SqliteSource _sqlite = null!;

    private ConnectionTarget Source => _sqlite.Target;

    public async Task InitializeAsync()
    {
        _sqlite = await SqliteSource.CreateAsync("""
            CREATE TABLE odd (
              id INTEGER PRIMARY KEY,
              years DATETIME DEFAULT 0,
              quoted integer DEFAULT '"0"',
              seen DATETIME DEFAULT 0,
              flag BOOLEAN DEFAULT 'yes',
              label TEXT DEFAULT 0,
              huge REAL DEFAULT 1e999
            );
            CREATE TABLE after_odd (id INTEGER PRIMARY KEY, note TEXT DEFAULT 'it''s');
            INSERT INTO odd VALUES (1, 0, 5, 1700000000, 1, 'a', 1.5), (2, 2024, 6, 1700000001, 0, 'b', 2.5);
            INSERT INTO after_odd VALUES (1, 'x');
            """);
    }

    public Task DisposeAsync()
    {
        _sqlite.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task IntoPostgres()
    {
        await using var target = await ScratchDatabase.PostgresAsync();
        var report = await CopyHarness.CopyAsync(Source, target.Target);

        Assert.Empty(report.Problems);
        Assert.Contains("odd.quoted: the default '\"0\"' cannot be written for the column's target type (the text '\"0\"' is not an integer); the default is left out.", report.Warnings);
        Assert.Contains("odd.flag: the default 'yes' cannot be written for the column's target type (the text 'yes' is not a boolean (0, 1, true or false)); the default is left out.", report.Warnings);
        // 0 and 2024 are kept as the integers they are, not read as instants of 1970.
        Assert.Equal([0L, 2024L], (await CopyHarness.RowsAsync(target.Target, "SELECT years FROM odd ORDER BY id")).Select(r => r[0]));

        await CopyHarness.ExecuteAsync(target.Target, "INSERT INTO odd (id) VALUES (99); INSERT INTO after_odd (id) VALUES (99)");
        var row = (await CopyHarness.RowsAsync(target.Target, "SELECT years, quoted, seen::text, flag, label, huge FROM odd WHERE id = 99"))[0];
        // seen holds epoch seconds, so its default 0 is the instant 0 is there: 1970-01-01 UTC.
        Assert.Equal([0L, null, "1970-01-01 00:00:00+00", null, "0", double.PositiveInfinity], row);
        Assert.Equal("it's", (await CopyHarness.RowsAsync(target.Target, "SELECT note FROM after_odd WHERE id = 99"))[0][0]);
    }

    [Fact]
    public async Task IntoMariaDb()
    {
        await using var target = await ScratchDatabase.MySqlAsync();
        var report = await CopyHarness.CopyAsync(Source, target.Target);

        Assert.Empty(report.Problems);
        Assert.Contains(report.Warnings, w => w.StartsWith("odd.huge: the default 1e999 cannot be written for the column's target type (Infinity cannot be stored by MySQL)", StringComparison.Ordinal));
        await CopyHarness.ExecuteAsync(target.Target, "INSERT INTO odd (id) VALUES (99); INSERT INTO after_odd (id) VALUES (99)");
        var row = (await CopyHarness.RowsAsync(target.Target, "SELECT years, quoted, CAST(seen AS char), flag, label, huge FROM odd WHERE id = 99"))[0];
        Assert.Equal([0L, null, "1970-01-01 00:00:00.000000", null, "0", null], row);
        Assert.Equal("it's", (await CopyHarness.RowsAsync(target.Target, "SELECT note FROM after_odd WHERE id = 99"))[0][0]);
    }
}

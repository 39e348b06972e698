using Ferry.Engines;
using Ferry.Errors;
using Ferry.Schema;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Engines.MySql;

/// <summary>LOAD DATA LOCAL turns bad values into warnings, or worse notes; the writer must not let any through.</summary>
public sealed class MySqlBulkWriterTests
{
    private static async IAsyncEnumerable<object?[]> Rows(params object?[] values)
    {
        foreach (var value in values) yield return [value];
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData("1.239", "Data truncated")] // only a Note on MariaDB: rounded to 1.24 otherwise
    [InlineData("123456789012.5", "Out of range")]
    public async Task ADecimalThatDoesNotFitFailsTheLoadInsteadOfBeingRounded(string value, string reason)
    {
        await using var scratch = await ScratchDatabase.MySqlAsync();
        await using var db = await scratch.OpenAsync();
        await db.ExecuteAsync("CREATE TABLE d (v decimal(10,2))", default);
        var table = new Table { Name = "d", Columns = [new Column { Name = "v", DeclaredType = "decimal(10,2)", Type = NeutralType.Decimal }] };

        var error = await Assert.ThrowsAsync<FerryException>(() => db.WriteRowsAsync(table, Rows(1.5m, decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)), default));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, (await db.QueryAsync("SELECT count(*) FROM d", default))[0][0]);
        Assert.Equal(1L, await db.WriteRowsAsync(table, Rows(1.24m), default));
    }

    [Fact]
    public async Task A_source_that_fails_mid_load_keeps_its_own_error_and_leaves_nothing()
    {
        await using var scratch = await ScratchDatabase.MySqlAsync();
        await using var db = await scratch.OpenAsync();
        await db.ExecuteAsync("CREATE TABLE n (v int)", default);
        var table = new Table { Name = "n", Columns = [new Column { Name = "v", DeclaredType = "int", Type = NeutralType.Int32 }] };

        // The rows stream into LOAD DATA as the driver sends them: the failure reaches Ferry as the source's, not the driver's.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.WriteRowsAsync(table, Failing(), default));
        Assert.Equal("the source broke", error.Message);
        Assert.Equal(0L, (await db.QueryAsync("SELECT count(*) FROM n", default))[0][0]);
        Assert.Equal(3L, await db.WriteRowsAsync(table, Rows(1L, 2L, 3L), default));
    }

    private static async IAsyncEnumerable<object?[]> Failing()
    {
        await foreach (var row in Rows(1L, 2L, 3L)) yield return row;
        throw new InvalidOperationException("the source broke");
    }
}

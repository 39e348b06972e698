using Ferry.Connections;
using Ferry.Copy;
using Ferry.Engines;
using Ferry.Engines.Sqlite;
using Ferry.Schema;
using Xunit;
using Ferry.Values;

namespace Ferry.Tests.Copy;

/// <summary>SQLite's declared types lie; the profile of what is stored decides the target type.</summary>
public sealed class TypeChoiceTests : IAsyncLifetime
{
    private IDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await Databases.OpenAsync(new ConnectionTarget { Engine = EngineKind.Sqlite }, new OpenOptions { Access = AccessMode.ReadWrite }, default);
        await _db.ExecuteAsync("""
            CREATE TABLE t (
              id INTEGER PRIMARY KEY,
              flag BOOLEAN, flag_text BOOLEAN, not_flag BOOLEAN,
              made_s DATETIME, made_ms TIMESTAMP, made_iso DATETIME, made_zoned DATETIME, made_mixed DATETIME, born DATE,
              n INTEGER, n_text INTEGER, ratio INTEGER,
              price DECIMAL(6,2), wide DECIMAL(4,1), created_at numeric,
              name VARCHAR(5), doc JSON, bad_doc JSON, raw BLOB, anything);
            INSERT INTO t VALUES
              (1, 1, 'true', 2, 1700000000, 1700000000123, '2024-01-02 03:04:05', '2024-01-02T03:04:05+09:00', '2024-01-02T03:04:05Z', '2024-01-02',
               5, 5, 1.5, 12.5, 999.9, 1700000000000, 'short', '{"a":1}', '{"a":1}', X'00', 7),
              (2, 0, 'FALSE', 0, NULL, 1700000000999, '2024-06-30T23:59:59', '2024-01-02 03:04:05Z', '2024-01-02 03:04:05', '1999-12-31',
               -9223372036854775808, 'abc', 2, 3, 1000, 1, 'much longer', '[1,2]', 'nope', 'text', 'x'),
              (3, NULL, NULL, NULL, 100000000, NULL, NULL, NULL, NULL, NULL,
               9223372036854775807, NULL, NULL, NULL, 1.25, NULL, NULL, NULL, NULL, NULL, NULL);
            """, default);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<Dictionary<string, TypeChoice>> Choose()
    {
        var table = (await _db.ReadSchemaAsync(default)).FindTable("t")!;
        var profiles = await SqliteProfiler.ProfileAsync(_db, table, default);
        return table.Columns.Zip(profiles).ToDictionary(x => x.First.Name, x => TypeChooser.ForSqlite(x.First, x.Second));
    }

    [Fact]
    public async Task EachColumnGetsTheTypeItsValuesSupport()
    {
        var c = await Choose();
        Assert.Equal((NeutralType.Int64, 0L), (c["id"].Type, c["id"].RowsToRefuse));
        Assert.Equal((NeutralType.Boolean, ValueConversion.ToBoolean), (c["flag"].Type, c["flag"].Conversion));
        Assert.Equal(NeutralType.Boolean, c["flag_text"].Type);
        Assert.Equal(NeutralType.Int64, c["not_flag"].Type);
        Assert.Contains("other than 0/1", c["not_flag"].Evidence, StringComparison.Ordinal);
        // From 1973-03-03 (10^8 seconds) on: below that, integers are more likely years or flags than instants.
        Assert.Equal((NeutralType.TimestampTz, ValueConversion.EpochSecondsToTimestamp), (c["made_s"].Type, c["made_s"].Conversion));
        Assert.Equal((NeutralType.TimestampTz, ValueConversion.EpochMillisecondsToTimestamp), (c["made_ms"].Type, c["made_ms"].Conversion));
        Assert.Equal((NeutralType.Timestamp, ValueConversion.IsoTextToTimestamp), (c["made_iso"].Type, c["made_iso"].Conversion));
        Assert.Equal(NeutralType.TimestampTz, c["made_zoned"].Type);
        Assert.Equal(NeutralType.TimestampTz, c["made_mixed"].Type);
        Assert.Contains("read as UTC", c["made_mixed"].Evidence, StringComparison.Ordinal);
        Assert.Equal((NeutralType.Date, ValueConversion.IsoTextToDate), (c["born"].Type, c["born"].Conversion));
        Assert.Equal((NeutralType.Int64, 0L), (c["n"].Type, c["n"].RowsToRefuse));
        Assert.Contains("-9223372036854775808 to 9223372036854775807", c["n"].Evidence, StringComparison.Ordinal);
        Assert.Equal((NeutralType.Int64, 1L), (c["n_text"].Type, c["n_text"].RowsToRefuse)); // 'abc' in an INTEGER column is refused
        Assert.Equal(NeutralType.Float64, c["ratio"].Type);
        Assert.Equal((NeutralType.Decimal, 6, 2), (c["price"].Type, c["price"].Precision, c["price"].Scale));
        Assert.Equal((NeutralType.Decimal, (int?)null), (c["wide"].Type, c["wide"].Precision)); // 1000 and 1.25 do not fit (4,1)
        Assert.Contains("2 of them do not fit", c["wide"].Evidence, StringComparison.Ordinal);
        Assert.Equal(NeutralType.Int64, c["created_at"].Type);
        Assert.Equal((NeutralType.Text, (int?)null), (c["name"].Type, c["name"].Length)); // 'much longer' does not fit VARCHAR(5)
        Assert.Equal(NeutralType.Json, c["doc"].Type);
        Assert.Equal(NeutralType.Text, c["bad_doc"].Type);
        Assert.Equal((NeutralType.Blob, ValueConversion.TextToBytes), (c["raw"].Type, c["raw"].Conversion));
        Assert.Equal((NeutralType.Text, ValueConversion.NumberToText), (c["anything"].Type, c["anything"].Conversion));
    }
}

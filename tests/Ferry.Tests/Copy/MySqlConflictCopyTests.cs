using Ferry.Copy;
using Ferry.Engines;
using Ferry.Errors;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>
/// --on-conflict into MariaDB where its staging path could go wrong: names that need quoting, a composite
/// key, bytes, and a bad value that INSERT IGNORE would have turned into a warning and a lost row.
/// </summary>
public sealed class MySqlConflictCopyTests : IAsyncLifetime
{
    private const string Table = "we`ird \"t\" 표";
    private ScratchDatabase _source = null!;
    private ScratchDatabase _target = null!;

    public async Task InitializeAsync()
    {
        _source = ScratchDatabase.SqliteFile();
        _target = await ScratchDatabase.MySqlAsync();
        await CopyHarness.ExecuteAsync(_source.Target,
            """
            CREATE TABLE "we`ird ""t"" 표" ("i d" INTEGER NOT NULL, "k`ey" TEXT NOT NULL, "v'al" TEXT, "by;tes" BLOB, PRIMARY KEY ("i d", "k`ey"));
            INSERT INTO "we`ird ""t"" 표" VALUES (1, 'a', 'one', x'00FF'), (1, 'b', 'two', NULL), (2, 'a', 'three', x'10');
            """);
        await CopyHarness.CopyAsync(_source.Target, _target.Target, new CopyOptions { SchemaOnly = true });
        await CopyHarness.ExecuteAsync(_target.Target, "INSERT INTO `we``ird \"t\" 표` VALUES (1, 'b', 'old', X'AA'), (7, 'z', 'keep', NULL)");
    }

    public async Task DisposeAsync()
    {
        await _target.DisposeAsync();
        await _source.DisposeAsync();
    }

    [Theory]
    [InlineData(OnConflict.Skip, "1/b=old:AA")]
    [InlineData(OnConflict.Update, "1/b=two:")]
    public async Task HostileNamesAndACompositeKeyAreSkippedOrUpdated(OnConflict onConflict, string conflicting)
    {
        var report = await CopyHarness.CopyAsync(_source.Target, _target.Target, new CopyOptions { IfExists = IfExists.Append, OnConflict = onConflict });

        var table = Assert.Single(report.Tables);
        Assert.Equal((Table, 3L, 2L, 1L, 0L), (table.Table, table.Read, table.Written, table.Conflicts, table.Refused));
        Assert.Equal(["1/a=one:00FF", conflicting, "2/a=three:10", "7/z=keep:"], await RowsAsync());
    }

    [Fact]
    public async Task SkipStillRefusesABadValueAndKeepsNothing()
    {
        // A check the new rows break: INSERT IGNORE would drop the row with a warning; skip must fail instead.
        await CopyHarness.ExecuteAsync(_target.Target, "ALTER TABLE `we``ird \"t\" 표` ADD CONSTRAINT `no three` CHECK (`v'al` <> 'three')");
        var error = await Assert.ThrowsAsync<FerryException>(() =>
            CopyHarness.CopyAsync(_source.Target, _target.Target, new CopyOptions { IfExists = IfExists.Append, OnConflict = OnConflict.Skip }));

        Assert.Contains("no three", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing of " + Table + " was kept", error.Message, StringComparison.Ordinal);
        Assert.Equal(["1/b=old:AA", "7/z=keep:"], await RowsAsync());
    }

    private async Task<IEnumerable<string>> RowsAsync() =>
        (await CopyHarness.RowsAsync(_target.Target, "SELECT `i d`, `k``ey`, `v'al`, HEX(`by;tes`) FROM `we``ird \"t\" 표` ORDER BY 1, 2"))
        .Select(r => $"{r[0]}/{r[1]}={r[2]}:{r[3]}");
}

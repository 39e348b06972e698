using Ferry.Connections;
using Ferry.Copy;
using Ferry.Engines;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>--if-exists append with --on-conflict skip or update: the seeds' INSERT OR IGNORE, with every row accounted for.</summary>
public sealed class ConflictCopyTests : IAsyncLifetime
{
    private ScratchDatabase _source = null!;

    public async Task InitializeAsync()
    {
        _source = ScratchDatabase.SqliteFile();
        await CopyHarness.ExecuteAsync(_source.Target, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL); INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c');");
    }

    public async Task DisposeAsync() => await _source.DisposeAsync();

    public static TheoryData<string, OnConflict, string[]> Cases => new()
    {
        { "sqlite", OnConflict.Skip, ["1=a", "2=old", "3=c", "9=keep"] },
        { "sqlite", OnConflict.Update, ["1=a", "2=b", "3=c", "9=keep"] },
        { "postgres", OnConflict.Skip, ["1=a", "2=old", "3=c", "9=keep"] },
        { "postgres", OnConflict.Update, ["1=a", "2=b", "3=c", "9=keep"] },
        { "sqld", OnConflict.Skip, ["1=a", "2=old", "3=c", "9=keep"] },
        { "sqld", OnConflict.Update, ["1=a", "2=b", "3=c", "9=keep"] },
        { "mysql", OnConflict.Skip, ["1=a", "2=old", "3=c", "9=keep"] },
        { "mysql", OnConflict.Update, ["1=a", "2=b", "3=c", "9=keep"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RowsThatMeetExistingKeysAreSkippedOrUpdatedAndCounted(string engine, OnConflict onConflict, string[] expected)
    {
        await using var target = await ScratchDatabase.ForEngineAsync(engine);
        await CopyHarness.CopyAsync(_source.Target, target.Target, new CopyOptions { SchemaOnly = true });
        await CopyHarness.ExecuteAsync(target.Target, "INSERT INTO t (id, v) VALUES (2, 'old'), (9, 'keep')");

        var report = await CopyHarness.CopyAsync(_source.Target, target.Target, new CopyOptions { IfExists = IfExists.Append, OnConflict = onConflict });

        var table = Assert.Single(report.Tables);
        Assert.Equal((3L, 2L, 1L, 0L), (table.Read, table.Written, table.Conflicts, table.Refused));
        Assert.Empty(report.Problems);
        var rows = await CopyHarness.RowsAsync(target.Target, "SELECT id, v FROM t ORDER BY id");
        Assert.Equal(expected, rows.Select(r => $"{r[0]}={r[1]}"));
    }

    [Fact]
    public async Task WithoutBeingToldAConflictFailsAndKeepsNothing()
    {
        await using var target = await ScratchDatabase.PostgresAsync();
        await CopyHarness.CopyAsync(_source.Target, target.Target, new CopyOptions { SchemaOnly = true });
        await CopyHarness.ExecuteAsync(target.Target, "INSERT INTO t (id, v) VALUES (2, 'old')");
        var error = await Assert.ThrowsAsync<Ferry.Errors.FerryException>(() => CopyHarness.CopyAsync(_source.Target, target.Target, new CopyOptions { IfExists = IfExists.Append }));
        Assert.Contains("Loading t failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("23505", error.Message, StringComparison.Ordinal);
        // The sentence names the table; the server's code stays data underneath it.
        Assert.Equal(("23505", Ferry.Errors.ServerErrorCategory.DuplicateKey, "t_pkey"), (error.Server!.Code, error.Server.Category, error.Server.Constraint));
        Assert.Contains("Nothing of t was kept", error.Message, StringComparison.Ordinal);
        Assert.Equal(["2=old"], (await CopyHarness.RowsAsync(target.Target, "SELECT id, v FROM t")).Select(r => $"{r[0]}={r[1]}"));
    }

    [Fact]
    public async Task SchemaFirstThenDataOnly()
    {
        await using var target = ScratchDatabase.SqliteFile();
        var missing = await Assert.ThrowsAsync<Ferry.Errors.FerryException>(() => CopyHarness.CopyAsync(_source.Target, target.Target, new CopyOptions { DataOnly = true }));
        Assert.Contains("missing: t", missing.Message, StringComparison.Ordinal);

        var schema = await CopyHarness.CopyAsync(_source.Target, target.Target, new CopyOptions { SchemaOnly = true });
        Assert.Empty(schema.Tables);
        Assert.Equal(0L, (await CopyHarness.RowsAsync(target.Target, "SELECT count(*) FROM t"))[0][0]);
        var data = await CopyHarness.CopyAsync(_source.Target, target.Target, new CopyOptions { DataOnly = true });
        Assert.Equal(3L, Assert.Single(data.Tables).Written);
        Assert.Equal(["1=a", "2=b", "3=c"], (await CopyHarness.RowsAsync(target.Target, "SELECT id, v FROM t ORDER BY id")).Select(r => $"{r[0]}={r[1]}"));
    }
}

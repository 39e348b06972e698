using Xunit;
using Ferry.Engines;
using Ferry.Engines.Libsql;
using Ferry.Errors;

namespace Ferry.Tests.Engines.Libsql;

/// <summary>Writes: one-round-trip transactions, read-only refusals, and namespaces kept apart by the Host header.</summary>
public sealed class LibsqlWriteTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private SqldNamespace _namespace = null!;

    public async Task InitializeAsync()
    {
        _namespace = await SqldNamespace.CreateAsync("ferry-write");
        await using var database = await _namespace.OpenAsync(AccessMode.ReadWrite);
        await database.ExecuteAsync("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE); INSERT INTO item VALUES (1, 'one')", None);
    }

    public async Task DisposeAsync() => await _namespace.DisposeAsync();

    private async Task<List<object?>> Names() =>
        (await _namespace.RawQueryAsync("SELECT name FROM item ORDER BY id")).Select(r => r[0]).ToList();

    [Fact]
    public async Task AFailingStatementLeavesNothingOfTheBatchWritten()
    {
        await using var database = await _namespace.OpenAsync(AccessMode.ReadWrite);
        var e = await Assert.ThrowsAsync<FerryException>(() => database.ExecuteAsync(
            "INSERT INTO item VALUES (2, 'two'); INSERT INTO item VALUES (3, 'one'); INSERT INTO item VALUES (4, 'four')", None));
        Assert.Equal(FerryErrorKind.Failed, e.Kind);
        Assert.Contains("statement 2 of 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("UNIQUE constraint failed: item.name", e.Message, StringComparison.Ordinal);
        Assert.Contains("INSERT INTO item VALUES (3, 'one')", e.Message, StringComparison.Ordinal);
        Assert.Equal(["one"], await Names());
    }

    [Fact]
    public async Task ABatchThatSucceedsIsCommitted()
    {
        await using var database = await _namespace.OpenAsync(AccessMode.ReadWrite);
        await database.ExecuteAsync("INSERT INTO item VALUES (10, 'ten'); UPDATE item SET name = 'TEN' WHERE id = 10", None);
        Assert.Contains("TEN", await Names());
        await database.ExecuteAsync("DELETE FROM item WHERE id = 10", None);
    }

    [Fact]
    public async Task StatementsWithArgumentsKeepTheirValues()
    {
        await using var database = await _namespace.OpenAsync(AccessMode.ReadWrite);
        var libsql = (LibsqlDatabase)database;
        await libsql.ExecuteStatementsAsync([
            new HranaStatement("CREATE TABLE typed (i INTEGER, r REAL, t TEXT, b BLOB, n)", WantRows: false),
            new HranaStatement("INSERT INTO typed VALUES (?, ?, ?, ?, ?)", [long.MinValue, 2.5, "안녕 👋", new byte[] { 0, 1, 2 }, null]),
        ], None);
        var row = Assert.Single(await database.QueryAsync("SELECT i, r, t, b, n, typeof(b) FROM typed", None));
        Assert.Equal([long.MinValue, 2.5, "안녕 👋", new byte[] { 0, 1, 2 }, null, "blob"], row);
    }

    [Fact]
    public async Task AWriteThroughAReadOnlyDatabaseIsRefused()
    {
        await using var database = await _namespace.OpenAsync(AccessMode.ReadOnly);
        var libsql = (LibsqlDatabase)database;

        // Ferry refuses ExecuteAsync before sending...
        var execute = await Assert.ThrowsAsync<FerryException>(() => database.ExecuteAsync("INSERT INTO item VALUES (20, 'x')", None));
        Assert.Contains("read-only", execute.Message, StringComparison.Ordinal);

        // ...and a write smuggled through QueryAsync is judged by SQLite on the server and rolled back.
        var query = await Assert.ThrowsAsync<FerryException>(() => database.QueryAsync("INSERT INTO item VALUES (21, 'y') RETURNING id", None));
        Assert.Contains("read-only", query.Message, StringComparison.Ordinal);
        var delete = await Assert.ThrowsAsync<FerryException>(() => database.QueryAsync("DELETE FROM item RETURNING id", None));
        Assert.Contains("read-only", delete.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<FerryException>(async () =>
        {
            await foreach (var _ in libsql.StreamAsync("UPDATE item SET name = 'z' RETURNING id", None)) { }
        });

        Assert.Equal(["one"], await Names());
        // Reads still work.
        Assert.Equal("one", Assert.Single(await database.QueryAsync("SELECT name FROM item", None))[0]);
    }

    [Fact]
    public async Task TheHostHeaderSelectsTheNamespace()
    {
        await using var other = await SqldNamespace.CreateAsync("ferry-other");
        await using (var database = await other.OpenAsync(AccessMode.ReadWrite))
            await database.ExecuteAsync("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO item VALUES (1, 'other'), (2, 'more')", None);

        await using var first = await _namespace.OpenAsync(AccessMode.ReadOnly);
        await using var second = await other.OpenAsync(AccessMode.ReadOnly);
        Assert.Equal("one", Assert.Single(await first.QueryAsync("SELECT name FROM item WHERE id = 1", None))[0]);
        Assert.Equal("other", Assert.Single(await second.QueryAsync("SELECT name FROM item WHERE id = 1", None))[0]);
        Assert.Equal(2L, (await second.QueryAsync("SELECT count(*) FROM item", None))[0][0]);

        // The NAME.localhost form reaches the same namespace as ?namespace=NAME.
        var port = new Uri(Support.TestServers.Sqld).Port;
        await using var byHost = await Databases.OpenAsync($"http://{other.Name}.localhost:{port}", new OpenOptions(), None);
        Assert.Equal("other", (await byHost.QueryAsync("SELECT name FROM item WHERE id = 1", None))[0][0]);
    }
}

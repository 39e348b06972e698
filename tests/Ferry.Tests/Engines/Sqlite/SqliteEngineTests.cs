using System.Diagnostics;
using System.Security.Cryptography;
using Ferry.Connections;
using Ferry.Engines;
using Ferry.Errors;
using Ferry.Schema;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Ferry.Tests.Engines.Sqlite;

public sealed class SqliteEngineTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ferry-sqlite-").FullName;
    private string _path = "";

    public async Task InitializeAsync()
    {
        _path = Path.Combine(_folder, "fixture.db");
        await using var db = await Open(_path, AccessMode.ReadWrite);
        await db.ExecuteAsync(SqliteFixture.Ddl, default);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private static Task<IDatabase> Open(string path, AccessMode access, double retrySeconds = 5) =>
        Databases.OpenAsync(new ConnectionTarget { Engine = EngineKind.Sqlite, FilePath = path },
            new OpenOptions { Access = access, RetryFor = TimeSpan.FromSeconds(retrySeconds) }, default);

    private async Task<DatabaseSchema> Inspect()
    {
        await using var db = await Open(_path, AccessMode.ReadOnly);
        return await db.ReadSchemaAsync(default);
    }

    [Fact]
    public async Task InspectReportsWhatTheCatalogReports()
    {
        var schema = await Inspect();
        var catalog = new SqliteCatalog(_path);

        Assert.Equal(catalog.Tables(), schema.Tables.Select(t => t.Name).ToList());
        foreach (var table in schema.Tables)
        {
            var columns = catalog.Columns(table.Name);
            Assert.Equal(columns.Select(c => (c.Name, c.Type, c.Default)), table.Columns.Select(c => (c.Name, c.DeclaredType, c.Default)));
            // The catalog's NOT NULL, plus what SQLite enforces without saying: rowid aliases and WITHOUT ROWID keys.
            Assert.Equal(columns.Select(c => c.NotNull || (c.Pk > 0 && (table.WithoutRowId || c.Type == "INTEGER" && columns.Count(k => k.Pk > 0) == 1))),
                table.Columns.Select(c => !c.Nullable));
            Assert.Equal(columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name), table.PrimaryKey?.Columns ?? []);
            Assert.Equal(catalog.Indexes(table.Name).Select(i => (i.Name, i.Unique, i.Columns)),
                table.Indexes.OrderBy(i => i.Name, StringComparer.Ordinal).Select(i => (i.Name, i.Unique, i.Columns.ToList())));
            Assert.Equal(catalog.ForeignKeys(table.Name).Select(f => (f.Parent, f.From, f.OnUpdate, f.OnDelete)),
                table.ForeignKeys.SelectMany(f => f.Columns.Select(c => (f.ReferencedTable, c, Upper(f.OnUpdate), Upper(f.OnDelete)))));
            Assert.Equal(catalog.Count(table.Name), table.RowCount);
            Assert.Equal(SqliteFixture.RowCounts[table.Name], table.RowCount);
        }
    }

    private static string Upper(ForeignKeyAction action) => action switch
    {
        ForeignKeyAction.NoAction => "NO ACTION",
        ForeignKeyAction.SetNull => "SET NULL",
        ForeignKeyAction.SetDefault => "SET DEFAULT",
        _ => action.ToString().ToUpperInvariant(),
    };

    [Fact]
    public async Task InspectReadsWhatOnlyTheCreateStatementSays()
    {
        var schema = await Inspect();
        var user = schema.FindTable("User")!;
        Assert.Equal(Identity.AutoIncrement, user.FindColumn("id")!.Identity);
        Assert.Equal(NeutralType.Boolean, user.FindColumn("isActive")!.Type);
        Assert.Equal(NeutralType.Timestamp, user.FindColumn("createdAt")!.Type);
        Assert.Equal("CURRENT_TIMESTAMP", user.FindColumn("createdAt")!.Default);
        Assert.Equal(["email"], Assert.Single(user.Uniques).Columns);

        var order = schema.FindTable("order")!;
        Assert.Equal(Identity.RowId, order.FindColumn("id")!.Identity);
        var check = Assert.Single(order.Checks);
        Assert.Equal(("order_total_positive", "total >= 0"), (check.Name, check.Expression));
        Assert.Equal((10, 2), (order.FindColumn("total")!.Precision, order.FindColumn("total")!.Scale));
        Assert.Equal(200, order.FindColumn("note")!.Length);
        var toUser = Assert.Single(order.ForeignKeys);
        Assert.Equal(("User", ForeignKeyAction.Cascade, ForeignKeyAction.NoAction), (toUser.ReferencedTable, toUser.OnDelete, toUser.OnUpdate));

        var messages = schema.FindTable("메시지")!;
        Assert.Equal("NOCASE", messages.FindColumn("내용")!.Collation);
        Assert.Equal(["아이디", "내용", "say \"hi\"", "it's", "back`tick", "order_id"], messages.Columns.Select(c => c.Name));
        var toOrder = Assert.Single(messages.ForeignKeys);
        Assert.Equal((ForeignKeyAction.SetNull, ForeignKeyAction.Cascade), (toOrder.OnDelete, toOrder.OnUpdate));
        Assert.Equal("order_id IS NOT NULL", messages.Indexes.Single(i => i.Name == "partial idx").Predicate);
        Assert.True(messages.Indexes.Single(i => i.Name == "expr_idx").HasExpressions);

        var quoted = schema.FindTable("my \"quoted\" table")!;
        Assert.Null(quoted.PrimaryKey);
        var unique = Assert.Single(quoted.Uniques);
        Assert.Equal("uq ab", unique.Name);
        Assert.Equal(["a", "b"], unique.Columns);
        var generated = quoted.FindColumn("b2")!;
        Assert.Equal(("b * 2", true), (generated.GeneratedExpression, generated.GeneratedStored));

        var pair = schema.FindTable("pair")!;
        Assert.True(pair.WithoutRowId);
        Assert.Equal(["a", "b"], pair.PrimaryKey!.Columns);

        Assert.Equal("active users", Assert.Single(schema.Views).Name);
        Assert.Equal(("order_touch", "order"), (Assert.Single(schema.Triggers).Name, schema.Triggers[0].Table));
        var sequence = Assert.Single(schema.Sequences);
        Assert.Equal(("User", 3L), (sequence.Name, sequence.LastValue));
        Assert.True(schema.SizeBytes > 0);
        Assert.True(schema.FindTable("메시지")!.SizeBytes > 0);
    }

    [Fact]
    public async Task TheSourceFileIsNotChangedByReadingIt()
    {
        var before = SHA256.HashData(await File.ReadAllBytesAsync(_path));
        var filesBefore = Directory.GetFiles(_folder).Order().ToList();
        await Inspect();
        await using (var db = await Open(_path, AccessMode.ReadOnly)) await db.PingAsync(default);
        Assert.Equal(before, SHA256.HashData(await File.ReadAllBytesAsync(_path)));
        Assert.Equal(filesBefore, Directory.GetFiles(_folder).Order().ToList());
    }

    [Fact]
    public async Task WritesThroughAReadOnlyDatabaseAreRefused()
    {
        await using var db = await Open(_path, AccessMode.ReadOnly);
        var refused = await Assert.ThrowsAsync<FerryException>(() => db.ExecuteAsync("DELETE FROM pair", default));
        Assert.Contains("read-only", refused.Message, StringComparison.Ordinal);
        // Even a write smuggled in as a query is stopped by SQLite itself.
        var smuggled = await Assert.ThrowsAsync<FerryException>(() => db.QueryAsync("DELETE FROM pair RETURNING a", default));
        Assert.Contains("readonly", smuggled.Message.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2L, (await db.QueryAsync("SELECT count(*) FROM pair", default))[0][0]);
    }

    [Fact]
    public async Task QueryReturnsNeutralValues()
    {
        await using var db = await Open(":memory:", AccessMode.ReadWrite);
        var row = (await db.QueryAsync("SELECT 9223372036854775807, -9223372036854775808, 1.5, '안녕 👋', X'00FF', NULL", default))[0];
        Assert.Equal([long.MaxValue, long.MinValue, 1.5, "안녕 👋", new byte[] { 0, 255 }, null], row);
    }

    [Fact]
    public async Task ALockedDatabaseIsRetriedThenReportedInOneSentence()
    {
        using var holder = new SqliteConnection($"Data Source={_path};Pooling=False");
        holder.Open();
        using (var lockIt = holder.CreateCommand()) { lockIt.CommandText = "PRAGMA journal_mode=DELETE; BEGIN EXCLUSIVE"; lockIt.ExecuteNonQuery(); }

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<FerryException>(() => Open(_path, AccessMode.ReadOnly, retrySeconds: 1));
        Assert.Equal(FerryErrorKind.Connection, error.Kind);
        Assert.Contains("locked", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"gave up after {clock.Elapsed}");

        // Released while Ferry waits: the open succeeds.
        var release = Task.Run(async () => { await Task.Delay(300); using var end = holder.CreateCommand(); end.CommandText = "COMMIT"; end.ExecuteNonQuery(); });
        await using var db = await Open(_path, AccessMode.ReadOnly, retrySeconds: 5);
        await release;
        Assert.Equal(3L, (await db.QueryAsync("SELECT count(*) FROM \"User\"", default))[0][0]);
    }

    [Fact]
    public async Task ACorruptFileIsNotADatabase()
    {
        var corrupt = Path.Combine(_folder, "corrupt.db");
        var bytes = await File.ReadAllBytesAsync(_path);
        // Keep the header, overwrite the schema page after it with noise.
        new Random(7).NextBytes(bytes.AsSpan(100, 3000));
        await File.WriteAllBytesAsync(corrupt, bytes);
        var error = await Assert.ThrowsAsync<FerryException>(async () =>
        {
            await using var db = await Open(corrupt, AccessMode.ReadOnly);
            await db.ReadSchemaAsync(default);
        });
        Assert.Equal(FerryErrorKind.NotADatabase, error.Kind);
        Assert.Contains("corrupt.db", error.Message, StringComparison.Ordinal);
    }
}

using Ferry.Migrations;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Migrations;

/// <summary>
/// Ferry and drizzle-orm's own migrator on the same database, each way round: whatever one applied, the
/// other finds applied, by the same hash and created_at, and runs nothing again.
/// </summary>
public sealed class DrizzleInteropTests : IDisposable
{
    private const long First = 1_700_000_000_000, Second = 1_700_000_100_000;

    // SQL every engine takes as it is, split by breakpoints as drizzle-kit writes it.
    private readonly MigrationFiles _files = new MigrationFiles().Drizzle(
        ("0000_init", First, ["CREATE TABLE users (id integer PRIMARY KEY, name varchar(100) NOT NULL);", "CREATE INDEX users_name ON users (name);"]),
        ("0001_email", Second, ["ALTER TABLE users ADD email varchar(200);", "INSERT INTO users (id, name, email) VALUES (1, 'Ada', 'ada@example.com');"]));

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("postgres")]
    [InlineData("mysql")]
    [InlineData("sqlite")]
    [InlineData("sqld")]
    public async Task DrizzleFindsNothingPendingAfterFerry(string engine)
    {
        await using var scratch = await ScratchDatabase.ForEngineAsync(engine);
        await using (var db = await scratch.OpenAsync())
        {
            var result = await _files.Runner(db).UpAsync(new UpOptions(), default);
            Assert.True(result.Succeeded);
            Assert.Equal(["0000_init", "0001_email"], result.Done.Select(d => d.Migration.Name));
        }

        // drizzle-orm would fail on CREATE TABLE users if it thought anything pending, and would add rows.
        var rows = await DrizzleMigrator.MigrateAsync(scratch, _files.Directory);
        var set = _files.Load(scratch.Target.Engine);
        Assert.Equal(set.Migrations.Select(m => new DrizzleMigrator.Row(m.Hash, m.Order)), rows);
        Assert.Equal(["1|Ada|ada@example.com"], await MigrationFiles.RowsAsync(scratch, "SELECT id, name, email FROM users"));
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("mysql")]
    [InlineData("sqlite")]
    [InlineData("sqld")]
    public async Task FerryFindsNothingPendingAfterDrizzle(string engine)
    {
        await using var scratch = await ScratchDatabase.ForEngineAsync(engine);
        var rows = await DrizzleMigrator.MigrateAsync(scratch, _files.Directory);
        Assert.Equal([First, Second], rows.Select(r => r.CreatedAt));

        await using var db = await scratch.OpenAsync();
        var runner = _files.Runner(db);
        var plan = await runner.PlanAsync(default);
        Assert.Equal([MigrationState.Applied, MigrationState.Applied], plan.Entries.Select(e => e.State));
        var result = await runner.UpAsync(new UpOptions(), default);
        Assert.True(result.Succeeded);
        Assert.Empty(result.Done);
    }

    [Fact]
    public async Task PostgresKeepsTheTableInTheDrizzleSchema()
    {
        await using var scratch = await ScratchDatabase.PostgresAsync();
        await using (var db = await scratch.OpenAsync())
            Assert.True((await _files.Runner(db).UpAsync(new UpOptions(), default)).Succeeded);
        Assert.True(await MigrationFiles.TableExistsAsync(scratch, "__drizzle_migrations", "drizzle"));
        Assert.False(await MigrationFiles.TableExistsAsync(scratch, "__drizzle_migrations", "public"));
        var set = _files.Load(scratch.Target.Engine);
        Assert.Equal(set.Migrations.Select(m => $"{m.Hash}|{m.Order}"),
            await MigrationFiles.RowsAsync(scratch, "SELECT hash, created_at FROM drizzle.__drizzle_migrations ORDER BY id"));
    }
}

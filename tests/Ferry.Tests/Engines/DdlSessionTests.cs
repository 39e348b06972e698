using Ferry.Engines;
using Ferry.Errors;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Engines;

/// <summary>
/// The transaction a copy creates its tables in (PostgreSQL, SQLite): nothing is seen or kept before the
/// commit, and a statement the server refuses costs only itself.
/// </summary>
public class DdlSessionTests
{
    [Theory]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public async Task TablesAppearOnlyAtCommitAndARefusedOneCostsItself(string engine)
    {
        await using var scratch = await ScratchDatabase.ForEngineAsync(engine);
        await using var db = await scratch.OpenAsync();
        await db.ExecuteAsync("CREATE TABLE existing (id integer)", default);

        await using (var abandoned = await DdlSession.BeginAsync(db, default))
            await abandoned!.ExecuteAsync("CREATE TABLE never (id integer)", default);
        Assert.DoesNotContain("never", await TablesAsync(scratch));

        await using (var session = await DdlSession.BeginAsync(db, default))
        {
            await session!.ExecuteAsync("CREATE TABLE a (id integer)", default);
            var refused = await Assert.ThrowsAsync<FerryException>(() => session.ExecuteAsync("CREATE TABLE existing (id integer)", default));
            Assert.NotNull(refused.Server);
            await session.ExecuteAsync("CREATE TABLE b (id integer)", default);
            // Another connection sees none of it yet (SQLite: the file is locked by the writer, so only PostgreSQL is asked).
            if (engine == "postgres") Assert.DoesNotContain("a", await TablesAsync(scratch));
            await session.CommitAsync(default);
        }
        Assert.Equal(["a", "b", "existing"], (await TablesAsync(scratch)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EnginesWithoutTransactionalDdlGetNoSession()
    {
        await using var scratch = await ScratchDatabase.MySqlAsync();
        await using var db = await scratch.OpenAsync();
        Assert.Null(await DdlSession.BeginAsync(db, default));
    }

    private static async Task<List<string>> TablesAsync(ScratchDatabase scratch)
    {
        await using var db = await Databases.OpenAsync(scratch.Target, new OpenOptions { Access = AccessMode.ReadOnly }, default);
        return (await db.ReadSchemaAsync(default)).Tables.Select(t => t.Name).ToList();
    }
}

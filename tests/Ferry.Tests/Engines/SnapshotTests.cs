using System.Globalization;
using Ferry.Engines;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Engines;

/// <summary>A read-only session's snapshot sees one moment: a row committed by another session meanwhile shows only after it ends.</summary>
public sealed class SnapshotTests
{
    [Theory]
    [InlineData("postgres")]
    [InlineData("mysql")]
    [InlineData("sqlite")]
    [InlineData("sqld")]
    public async Task ASnapshotDoesNotSeeWhatOthersCommitMeanwhile(string engine)
    {
        await using var scratch = await ScratchDatabase.ForEngineAsync(engine);
        await using var writer = await Databases.OpenAsync(scratch.Target, ScratchDatabase.ReadWrite, default);
        var t = writer.Dialect.Quote("counted");
        // WAL: a SQLite reader's snapshot lets the writer go on instead of waiting for it.
        if (engine == "sqlite") await writer.QueryAsync("PRAGMA journal_mode = WAL", default);
        await writer.ExecuteAsync($"CREATE TABLE {t} (id INTEGER PRIMARY KEY)", default);
        await writer.ExecuteAsync($"INSERT INTO {t} (id) VALUES (1)", default);

        await using var reader = await Databases.OpenAsync(scratch.Target, new OpenOptions { Access = AccessMode.ReadOnly }, default);
        async Task<long> CountAsync() => Convert.ToInt64((await reader.QueryAsync($"SELECT count(*) FROM {t}", default))[0][0], CultureInfo.InvariantCulture);
        await using (var snapshot = await reader.BeginSnapshotAsync(default))
        {
            Assert.NotNull(snapshot);
            Assert.Equal(1, await CountAsync());
            await writer.ExecuteAsync($"INSERT INTO {t} (id) VALUES (2)", default);
            Assert.Equal(1, await CountAsync());
        }
        Assert.Equal(2, await CountAsync());
    }
}

using System.Globalization;
using Ferry.Engines;
using Ferry.Engines.Libsql;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Engines.Libsql;

/// <summary>
/// A libSQL snapshot is one Hrana stream holding a read transaction, which sqld would forget after 10 idle seconds:
/// a verification whose other side is slow leaves it idle that long, and it must still see its moment.
/// </summary>
public sealed class LibsqlSnapshotTests
{
    [Fact]
    public async Task ASnapshotLeftIdlePastTheStreamExpiryStillSeesItsMoment()
    {
        await using var scratch = await ScratchDatabase.SqldAsync();
        await using var writer = await Databases.OpenAsync(scratch.Target, ScratchDatabase.ReadWrite, default);
        await writer.ExecuteAsync("CREATE TABLE counted (id INTEGER PRIMARY KEY); INSERT INTO counted (id) VALUES (1)", default);

        await using var reader = await Databases.OpenAsync(scratch.Target, new OpenOptions { Access = AccessMode.ReadOnly }, default);
        var libsql = Assert.IsType<LibsqlDatabase>(reader);
        async Task<long> CountAsync() => Convert.ToInt64((await reader.QueryAsync("SELECT count(*) FROM counted", default))[0][0], CultureInfo.InvariantCulture);
        async Task<List<long>> IdsAsync()
        {
            var ids = new List<long>();
            await foreach (var row in libsql.StreamAsync("SELECT id FROM counted ORDER BY id", default)) ids.Add(Convert.ToInt64(row[0], CultureInfo.InvariantCulture));
            return ids;
        }
        await using (var snapshot = await reader.BeginSnapshotAsync(default))
        {
            Assert.NotNull(snapshot);
            await writer.ExecuteAsync("INSERT INTO counted (id) VALUES (2)", default);
            await Task.Delay(TimeSpan.FromSeconds(11.5));
            Assert.Equal(1, await CountAsync());
            Assert.Equal([1L], await IdsAsync());
        }
        Assert.Equal(2, await CountAsync());
        Assert.Equal([1L, 2L], await IdsAsync());
    }
}

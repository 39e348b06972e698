using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy.Hostile;

/// <summary>
/// The PostgreSQL hostile corpus copied into every engine, PostgreSQL included (another database), and
/// compared cell by cell through the canonical encoding: each value arrives exactly or is refused by name.
/// </summary>
public sealed class PostgresHostileTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ferry-hostile-pg-").FullName;
    private ScratchDatabase _source = null!;

    public async Task InitializeAsync()
    {
        _source = await ScratchDatabase.PostgresAsync();
        await CopyHarness.ExecuteAsync(_source.Target, PostgresHostileCorpus.Sql);
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("mysql")]
    [InlineData("sqld")]
    [InlineData("sqlite")]
    public async Task EveryValueArrivesOrIsRefusedByName(string engine)
    {
        var compared = await HostileComparison.CopyAndCompareAsync(_source.Target, engine, _folder);
        Assert.True(compared > 200, $"only {compared} cells compared");
    }
}

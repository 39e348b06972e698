using Xunit;

namespace Ferry.Tests.Copy.Hostile;

/// <summary>
/// A server engine's hostile corpus copied into every engine: each value exact or refused by name, no table
/// lost but one refused by name. A derived class gives the engine and the statements that fill it.
/// </summary>
public abstract class HostileCorpusTests(string engine, string corpus) : IAsyncLifetime
{
    protected HostileSource Source { get; private set; } = null!;

    public async Task InitializeAsync() => Source = await HostileSource.CreateAsync(engine, corpus);

    public async Task DisposeAsync() => await Source.DisposeAsync();

    [Theory]
    [MemberData(nameof(HostileSource.Targets), MemberType = typeof(HostileSource))]
    public async Task EveryValueArrivesOrIsRefusedByName(string target)
    {
        var compared = await Source.CopyAndCompareAsync(target);
        // Every table's clean rows were compared, not only refusals checked.
        Assert.True(compared > 100, $"only {compared} cells compared");
    }

    [Fact]
    public async Task ADumpHandsBackEveryValueAndRestoresAsTheSameDatabase()
    {
        var (values, _) = await Dump.DumpHarness.RestoresAsTheSameAsync(Source.Target, engine, Source.Folder);
        Assert.True(values > 100, $"only {values} values compared");
    }
}

using Ferry.Connections;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy.Hostile;

/// <summary>
/// A server engine's hostile corpus: a scratch database of its own (a MySQL database, an sqld namespace)
/// built from the statements given, and a folder for the copies' rejects files; both removed afterwards.
/// </summary>
public sealed class HostileSource : IAsyncDisposable
{
    private readonly ScratchDatabase _database;

    private HostileSource(ScratchDatabase database, string folder)
    {
        _database = database;
        Folder = folder;
    }

    public ConnectionTarget Target => _database.Target;

    public string Folder { get; }

    /// <param name="engine">As the tests name engines: mysql or sqld.</param>
    public static async Task<HostileSource> CreateAsync(string engine, string sql)
    {
        var database = await ScratchDatabase.ForEngineAsync(engine);
        var source = new HostileSource(database, Directory.CreateTempSubdirectory($"ferry-hostile-{engine}-").FullName);
        await CopyHarness.ExecuteAsync(source.Target, sql);
        return source;
    }

    /// <summary>Copies the corpus into a fresh database of <paramref name="engine"/> and returns the number of cells compared (see <see cref="HostileComparison"/>).</summary>
    public Task<int> CopyAndCompareAsync(string engine) => HostileComparison.CopyAndCompareAsync(Target, engine, Folder);

    /// <summary>Every target engine, for a theory's MemberData.</summary>
    public static TheoryData<string> Targets { get; } = new("postgres", "mysql", "sqld", "sqlite");

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}

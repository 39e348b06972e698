using Ferry.Connections;
using Ferry.Tests.Copy;

namespace Ferry.Tests.Support;

/// <summary>
/// A folder of a test's own holding a SQLite source database built from the statements given, for the
/// copy's journals and rejects files too; deleted with everything in it, SQLite's pooled handles released first.
/// </summary>
public sealed class SqliteSource : IDisposable
{
    private SqliteSource(string folder) => Folder = folder;

    public string Folder { get; }

    public ConnectionTarget Target => new() { Engine = EngineKind.Sqlite, FilePath = Path.Combine(Folder, "source.db") };

    /// <summary>The path of <paramref name="name"/> in the folder.</summary>
    public string File(string name) => Path.Combine(Folder, name);

    public static async Task<SqliteSource> CreateAsync(string sql)
    {
        var source = new SqliteSource(Directory.CreateTempSubdirectory("ferry-source-").FullName);
        await CopyHarness.ExecuteAsync(source.Target, sql);
        return source;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ferry.Copy;

/// <summary>Where a table stands in a copy. The order matters: each phase includes the ones before it.</summary>
public enum TablePhase
{
    Pending,
    /// <summary>This copy created the table (or emptied it): its rows are ours to redo.</summary>
    Created,
    /// <summary>Rows were being written when the copy stopped; the load is redone from an empty table.</summary>
    Loading,
    Loaded,
    /// <summary>Keys, indexes and foreign keys are in place.</summary>
    Constrained,
}

/// <summary>
/// The checkpoint journal: a small JSON file, rewritten atomically at every phase change of every
/// table, that lets <c>--resume</c> finish a copy that was killed at any moment with nothing lost and
/// nothing written twice, and lets a plain re-run say exactly what state the target is in.
/// </summary>
public sealed class CopyJournal
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    /// <param name="Owned">False for a table that held rows of its own before the copy appended to it.</param>
    public sealed record Entry(TablePhase Phase, long Written, bool Owned = true);

    private sealed record Document(string Source, string Target, DateTime Started, Dictionary<string, Entry> Tables, bool Finished);

    private readonly Lock _gate = new();
    private Document _document;

    private CopyJournal(string path, Document document)
    {
        Path = path;
        _document = document;
    }

    public string Path { get; }

    public bool Finished => _document.Finished;

    public IReadOnlyDictionary<string, Entry> Tables => _document.Tables;

    /// <summary>The default journal of a source and target pair: in ./.ferry, named by a hash of both redacted URLs.</summary>
    public static string DefaultPath(string source, string target)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source + "\n" + target)))[..16];
        return System.IO.Path.Combine(".ferry", $"copy-{hash}.json");
    }

    public static CopyJournal? Read(string path)
    {
        if (!File.Exists(path)) return null;
        var document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Json);
        return document is null ? null : new CopyJournal(path, document);
    }

    public static CopyJournal Start(string path, string source, string target)
    {
        // Written at the first phase change: a copy refused before it touched anything leaves no journal.
        if (File.Exists(path)) File.Delete(path);
        return new CopyJournal(path, new Document(source, target, DateTime.UtcNow, new Dictionary<string, Entry>(StringComparer.Ordinal), false));
    }

    public TablePhase PhaseOf(string table)
    {
        lock (_gate) return _document.Tables.TryGetValue(table, out var entry) ? entry.Phase : TablePhase.Pending;
    }

    /// <summary>Records a table's new phase on disk before returning. Safe from parallel loads (--jobs).</summary>
    public void Set(string table, TablePhase phase, long written = 0, bool? owned = null)
    {
        lock (_gate)
        {
            var wasOwned = _document.Tables.TryGetValue(table, out var before) ? before.Owned : true;
            _document.Tables[table] = new Entry(phase, written, owned ?? wasOwned);
            Save();
        }
    }

    public void Finish()
    {
        _document = _document with { Finished = true };
        Save();
    }

    /// <summary>
    /// Why the target no longer holds what this journal records, or null when it does: a table the copy
    /// had loaded is gone, or holds another number of rows. (A table marked created may be missing: the
    /// journal is written before CREATE TABLE runs.)
    /// </summary>
    public string? Mismatch(Schema.DatabaseSchema target)
    {
        lock (_gate)
        {
            foreach (var (name, entry) in _document.Tables.Where(t => t.Value.Phase >= TablePhase.Loading))
            {
                if (target.FindTable(name) is not { } table) return $"the target has no table {name}";
                if (entry.Phase >= TablePhase.Loaded && entry.Owned && table.RowCount is { } rows && rows != entry.Written)
                    return $"{name} holds {rows:N0} rows where the journal records {entry.Written:N0}";
            }
            return null;
        }
    }

    /// <summary>In words: which tables are done, which was being loaded, which were not reached.</summary>
    public string Describe()
    {
        string List(Func<TablePhase, bool> which) => string.Join(", ", _document.Tables.Where(t => which(t.Value.Phase)).Select(t => t.Key));
        var parts = new List<string>();
        var loaded = List(p => p >= TablePhase.Loaded);
        var loading = List(p => p == TablePhase.Loading);
        var created = List(p => p == TablePhase.Created);
        if (loaded.Length > 0) parts.Add($"loaded: {loaded}");
        if (loading.Length > 0) parts.Add($"interrupted while loading (its rows are redone on resume): {loading}");
        if (created.Length > 0) parts.Add($"created but empty: {created}");
        return parts.Count == 0 ? "nothing was written yet" : string.Join("; ", parts);
    }

    /// <summary>Written to a temporary file, flushed to disk and renamed over the old one: a kill never leaves half a journal.</summary>
    private void Save()
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (folder is not null) Directory.CreateDirectory(folder);
        var temporary = Path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, _document, Json);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, Path, overwrite: true);
    }

    public void Delete()
    {
        if (File.Exists(Path)) File.Delete(Path);
    }
}

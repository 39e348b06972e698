using System.Text.Json;
using Ferry.Errors;

namespace Ferry.Dump;

/// <summary>
/// The archives in a backups folder (<c>ferry backup list</c>, <c>ferry backup prune</c>): each known by its own table
/// of contents, not by its name, so a file that is not a whole archive is listed as such and never deleted.
/// </summary>
public static class BackupFolder
{
    /// <summary>One file ending in <see cref="ArchiveFile.Extension"/>, or left by a dump that did not finish: its table of contents, or why it has none.</summary>
    public sealed record Entry(string Path, long Bytes, ArchiveManifest? Manifest, string? Problem);

    /// <summary>The longest --keep-days a prune takes: a hundred years.</summary>
    public const int MaxKeepDays = 36_500;

    public static IReadOnlyList<Entry> List(string folder)
    {
        if (!Directory.Exists(folder))
            throw new FerryException(FerryErrorKind.Usage, $"There is no folder {folder}; ferry dump writes its archives into {BackupName.Folder}/ unless told otherwise.");
        var archives = Directory.EnumerateFiles(folder, "*" + ArchiveFile.Extension).Select(Read);
        // A dump killed before it finished leaves its data under a temporary name: listed, so it can be removed.
        var unfinished = Directory.EnumerateFiles(folder, "*.partial")
            .Select(p => new Entry(p, Length(p), null, "a dump that did not finish (killed, or its disk full): not an archive; remove it"));
        return archives.Concat(unfinished).OrderBy(e => e.Manifest?.CreatedAt ?? DateTime.MaxValue).ThenBy(e => e.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Deletes the whole archives made more than <paramref name="keepDays"/> days before <paramref name="now"/>, by the
    /// time their table of contents records, unless <paramref name="dryRun"/>; returns them. Of each source the newest
    /// archive that reads back whole (<see cref="ArchiveCheck"/>), and every archive newer than it, is kept however old:
    /// pruning must not leave a database without a backup that restores.
    /// </summary>
    public static async Task<IReadOnlyList<Entry>> PruneAsync(string folder, int keepDays, DateTime now, bool dryRun, CancellationToken ct)
    {
        if (keepDays is < 0 or > MaxKeepDays)
            throw new FerryException(FerryErrorKind.Usage, $"--keep-days must be from 0 to {MaxKeepDays}, not {keepDays}.");
        var old = new List<Entry>();
        foreach (var source in List(folder).Where(e => e.Manifest is not null).GroupBy(e => e.Manifest!.Source))
        {
            var newestFirst = source.OrderByDescending(e => e.Manifest!.CreatedAt).ToList();
            var kept = 0;
            while (kept < newestFirst.Count && !await ReadsWholeAsync(newestFirst[kept], ct).ConfigureAwait(false)) kept++;
            old.AddRange(newestFirst.Skip(kept + 1).Where(e => e.Manifest!.CreatedAt < now.AddDays(-keepDays)));
        }
        if (!dryRun)
            foreach (var entry in old) File.Delete(entry.Path);
        return old.OrderBy(e => e.Manifest!.CreatedAt).ToList();
    }

    private static async Task<bool> ReadsWholeAsync(Entry entry, CancellationToken ct)
    {
        try
        {
            await ArchiveCheck.RunAsync(entry.Path, ct).ConfigureAwait(false);
            return true;
        }
        catch (FerryException)
        {
            return false;
        }
    }

    private static Entry Read(string path)
    {
        try
        {
            return new Entry(path, Length(path), ArchiveFile.ReadManifest(path), null);
        }
        catch (Exception e) when (e is FerryException or IOException or JsonException or UnauthorizedAccessException)
        {
            return new Entry(path, Length(path), null, e.Message);
        }
    }

    private static long Length(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

using Ferry.Errors;

namespace Ferry.Dump;

/// <summary>
/// The archives in a backups folder (<c>ferry backup list</c>, <c>ferry backup prune</c>): each known by its own table
/// of contents, not by its name, so a file that is not a whole archive is listed as such and never deleted.
/// </summary>
public static class BackupFolder
{
    /// <summary>One file ending in <see cref="ArchiveFile.Extension"/>: its table of contents, or why it has none.</summary>
    public sealed record Entry(string Path, long Bytes, ArchiveManifest? Manifest, string? Problem);

    public static IReadOnlyList<Entry> List(string folder)
    {
        if (!Directory.Exists(folder))
            throw new FerryException(FerryErrorKind.Usage, $"There is no folder {folder}; ferry dump writes its archives into {BackupName.Folder}/ unless told otherwise.");
        return Directory.EnumerateFiles(folder, "*" + ArchiveFile.Extension).Order(StringComparer.Ordinal).Select(Read)
            .OrderBy(e => e.Manifest?.CreatedAt ?? DateTime.MaxValue).ToList();
    }

    /// <summary>
    /// Deletes the whole archives made more than <paramref name="keepDays"/> days before <paramref name="now"/>, by the
    /// time their table of contents records, unless <paramref name="dryRun"/>; returns them. The newest archive of each
    /// source is always kept, however old: pruning must not leave a database without a backup.
    /// </summary>
    public static IReadOnlyList<Entry> Prune(string folder, int keepDays, DateTime now, bool dryRun)
    {
        if (keepDays < 0) throw new FerryException(FerryErrorKind.Usage, $"--keep-days cannot be negative ({keepDays}).");
        var whole = List(folder).Where(e => e.Manifest is not null).ToList();
        var newest = whole.GroupBy(e => e.Manifest!.Source).Select(g => g.MaxBy(e => e.Manifest!.CreatedAt)!).ToHashSet();
        var old = whole.Where(e => !newest.Contains(e) && e.Manifest!.CreatedAt < now.AddDays(-keepDays)).ToList();
        if (!dryRun)
            foreach (var entry in old) File.Delete(entry.Path);
        return old;
    }

    private static Entry Read(string path)
    {
        var bytes = new FileInfo(path).Length;
        try
        {
            return new Entry(path, bytes, ArchiveFile.ReadManifest(path), null);
        }
        catch (FerryException e)
        {
            return new Entry(path, bytes, null, e.Message);
        }
    }
}

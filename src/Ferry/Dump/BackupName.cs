using System.Globalization;
using Ferry.Connections;

namespace Ferry.Dump;

/// <summary>
/// Where a dump goes when not told: <c>backups/&lt;database&gt;_&lt;yyyyMMdd_HHmmss&gt;.ferry</c>, the runbooks' own
/// convention. A backups folder Ferry makes inside a git work tree ignores itself, so a backup is never committed.
/// </summary>
public static class BackupName
{
    public const string Folder = "backups";

    public static string For(ConnectionTarget source, DateTime now) =>
        Path.Combine(Folder, $"{Database(source)}_{now.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture)}{ArchiveFile.Extension}");

    /// <summary>The database's own name as a file name: a server's database, a file's stem, a namespace.</summary>
    public static string Database(ConnectionTarget source)
    {
        var name = source.Database
            ?? (source.FilePath is { } file ? Path.GetFileNameWithoutExtension(file) : null)
            ?? source.Options.GetValueOrDefault("namespace")
            ?? source.HostHeader?.Split('.')[0]
            ?? source.Host?.Split('.')[0]
            ?? "database";
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        return safe.Length == 0 ? "database" : safe;
    }

    /// <summary>
    /// Makes the folder <paramref name="archive"/> goes into; when Ferry makes it inside a git work tree, a
    /// <c>.gitignore</c> of <c>*</c> in it keeps every backup there out of the repository.
    /// </summary>
    public static void PrepareFolder(string archive)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(archive))!;
        if (Directory.Exists(folder)) return;
        Directory.CreateDirectory(folder);
        if (InGitWorkTree(folder)) File.WriteAllText(Path.Combine(folder, ".gitignore"), "# Backups written by ferry dump: never committed.\n*\n");
    }

    private static bool InGitWorkTree(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git"))) return true;
        return false;
    }
}

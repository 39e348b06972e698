using System.Text.RegularExpressions;
using Ferry.Connections;
using Ferry.Engines;
using Ferry.Errors;

namespace Ferry.Migrations;

/// <summary>
/// Ferry's own folder: <c>NNNN_name.sql</c> (or a timestamp, <c>20250101120000_name.sql</c>), each with an
/// optional down part, in <c>NNNN_name.down.sql</c> or below a <c>-- ferry:down</c> line of its own (<see cref="DownSection"/>), ordered by the number. Files that are not SQL are left alone; a SQL
/// file named otherwise is an error, because a migration the runner silently ignores is worse than none.
/// </summary>
internal static partial class FerryFolder
{
    [GeneratedRegex(@"^(?<version>\d{1,18})_(?<name>[^.]+)(?<down>\.down)?\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileName();

    /// <summary>The version numbers the folder's migrations carry, and how many digits each was written with.</summary>
    public static IReadOnlyList<(long Number, int Digits)> Versions(string directory) =>
        Directory.EnumerateFiles(directory, "*.sql").Select(p => FileName().Match(Path.GetFileName(p))).Where(m => m.Success)
            .Select(m => (long.Parse(m.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["version"].Length)).ToList();

    public static IReadOnlyList<Migration> Read(string directory, EngineKind engine)
    {
        var flavor = SqlScript.FlavorOf(engine);
        var ups = new Dictionary<long, string>();
        var downs = new Dictionary<long, string>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.sql"))
        {
            var name = Path.GetFileName(path);
            var match = FileName().Match(name);
            if (!match.Success)
                throw new FerryException(FerryErrorKind.Usage,
                    $"{path} is not named like a migration (NNNN_name.sql or NNNN_name.down.sql): rename it or move it out of the folder.");
            var version = long.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var into = match.Groups["down"].Success ? downs : ups;
            if (!into.TryAdd(version, path))
                throw new FerryException(FerryErrorKind.Usage,
                    $"{Path.GetFileName(into[version])} and {name} have the same version {version}: give one of them another number.");
        }
        foreach (var (version, path) in downs)
        {
            if (!ups.ContainsKey(version))
                throw new FerryException(FerryErrorKind.Usage, $"{path} undoes a migration that is not there: no {version}_….sql beside it.");
        }

        return ups.OrderBy(u => u.Key).Select(u =>
        {
            var text = MigrationHash.ReadText(u.Value);
            var directives = MigrationDirectives.Read(text, u.Value);
            var (upText, section) = DownSection.Split(text, flavor, u.Value);
            if (section is not null && downs.TryGetValue(u.Key, out var both))
                throw new FerryException(FerryErrorKind.Usage,
                    $"{u.Value} has a '{DownSection.Marker}' section and {Path.GetFileName(both)} beside it: keep the down part in one of them.");
            var down = section is not null ? SqlScript.Split(section, flavor)
                : downs.TryGetValue(u.Key, out var downPath) ? SqlScript.Split(MigrationHash.ReadText(downPath), flavor) : null;
            var fileName = Path.GetFileNameWithoutExtension(u.Value);
            return new Migration(fileName[..fileName.IndexOf('_', StringComparison.Ordinal)], fileName, u.Value, u.Key,
                MigrationHash.Of(text), SqlScript.Split(upText, flavor), !directives.NoTransaction, down) { Allowed = directives.Allowed };
        }).ToList();
    }
}

using Ferry.Connections;
using Ferry.Errors;

namespace Ferry.Migrations;

/// <summary>Finds the migrations folder and reads it in whichever format it is in.</summary>
public static class MigrationFolder
{
    /// <summary>Where drizzle-kit keeps its journal inside its output folder.</summary>
    public const string DrizzleJournal = "meta/_journal.json";

    /// <summary>
    /// The folder given, or else <c>./migrations</c>, or <c>./drizzle</c> when that one holds a drizzle-kit
    /// journal (a project that uses drizzle-kit has no <c>migrations</c> folder of Ferry's).
    /// </summary>
    public static string Resolve(string? directory, string workingDirectory)
    {
        if (!string.IsNullOrEmpty(directory)) return Path.GetFullPath(directory, workingDirectory);
        var own = Path.Combine(workingDirectory, "migrations");
        var drizzle = Path.Combine(workingDirectory, "drizzle");
        return !Directory.Exists(own) && File.Exists(Path.Combine(drizzle, DrizzleJournal)) ? drizzle : own;
    }

    public static MigrationFormat FormatOf(string directory) =>
        File.Exists(Path.Combine(directory, DrizzleJournal)) ? MigrationFormat.Drizzle : MigrationFormat.Ferry;

    /// <summary>Reads every migration in <paramref name="directory"/>, its statements split as <paramref name="engine"/> reads SQL.</summary>
    public static MigrationSet Load(string directory, EngineKind engine)
    {
        if (!Directory.Exists(directory))
            throw new FerryException(FerryErrorKind.Usage,
                $"There is no migrations folder {directory}: create one with 'ferry migrate new NAME', or name it with --dir.");
        var format = FormatOf(directory);
        var migrations = format == MigrationFormat.Drizzle ? DrizzleFolder.Read(directory) : FerryFolder.Read(directory, engine);
        return new MigrationSet(directory, format, migrations);
    }
}

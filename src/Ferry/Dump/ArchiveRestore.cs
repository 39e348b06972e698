using Ferry.Connections;
using Ferry.Copy;
using Ferry.Errors;

namespace Ferry.Dump;

/// <summary>What a restore, a copy whose source is an archive, can do that a copy from the live database could.</summary>
public static class ArchiveRestore
{
    /// <summary>
    /// Refuses a restore that would need the source to answer SQL: SQLite's column types are chosen from its values,
    /// by queries over them, when they go into another dialect.
    /// </summary>
    public static void Check(ArchiveDatabase archive, EngineKind target)
    {
        if (CopyPlanner.ChoosesTypesFromValues(archive.Target.Engine, target))
            throw new FerryException(FerryErrorKind.Usage,
                $"{archive.Target.Redacted} holds a {archive.Target.Engine.Display()} database, whose column types are chosen from its values on the way into {target.Display()}: " +
                $"restore it into SQLite first (ferry restore {archive.Target.ArchivePath} sqlite:./restored.db), then ferry copy that file.");
    }
}

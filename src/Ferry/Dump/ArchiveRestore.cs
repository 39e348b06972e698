using Ferry.Connections;
using Ferry.Copy;
using Ferry.Errors;

namespace Ferry.Dump;

/// <summary>What a restore, a copy whose source is an archive, can do that a copy from the live database could.</summary>
public static class ArchiveRestore
{
    /// <summary>
    /// Refuses a restore into an engine of another storage model: the archive keeps every value as its engine stores it
    /// (PostgreSQL's rows in COPY's own format, a MySQL zero date, a SQLite text that is not UTF-8), which only that
    /// kind of engine takes back exactly. Such a move is a restore and then a copy, each checked.
    /// </summary>
    public static void Check(ArchiveDatabase archive, EngineKind target)
    {
        var engine = archive.Target.Engine;
        if (!CopyPlanner.SameStorageModel(engine, target))
            throw new FerryException(FerryErrorKind.Usage,
                $"{archive.Target.Redacted} holds a {engine.Display()} database, kept as {engine.Display()} stores it: it restores into {Family(engine)}. " +
                $"To move it into {target.Display()}, restore it there first, then ferry copy that database.");
    }

    private static string Family(EngineKind engine) => engine switch
    {
        EngineKind.MySql => "MySQL or MariaDB",
        EngineKind.Postgres => "PostgreSQL",
        _ => "SQLite or libSQL",
    };
}

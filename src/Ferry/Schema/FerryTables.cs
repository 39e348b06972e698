namespace Ferry.Schema;

/// <summary>
/// Tables Ferry keeps in a user's database for its own work, which are not the user's data: never copied,
/// compared or synced, so a synced target verifies equal to its source and a copy back does not carry them.
/// Migration histories are not among them: they belong to the schema, and a moved database needs its own.
/// </summary>
public static class FerryTables
{
    /// <summary>A sync's watermarks, on its target.</summary>
    public const string SyncState = "ferry_sync_state";

    public static bool IsOwn(Table table) => table.Name == SyncState;
}

namespace Ferry.Migrations;

/// <summary>Where a migration stands between its folder and the database's history table.</summary>
public enum MigrationState
{
    /// <summary>Recorded, with the hash its file still has.</summary>
    Applied,
    /// <summary>Newer than everything recorded: <c>up</c> applies it.</summary>
    Pending,
    /// <summary>Recorded, but its file has changed since: the database holds what the old text did.</summary>
    Changed,
    /// <summary>
    /// Never recorded, yet older than the newest recorded one: typically a branch merged after a later
    /// migration was applied. drizzle-orm skips such an entry for ever without a word; Ferry names it, and
    /// <c>up</c> applies it only when told to (<c>--allow-out-of-order</c>).
    /// </summary>
    OutOfOrder,
    /// <summary>Recorded, but no file in the folder is it.</summary>
    Missing,
    /// <summary>Failed part-way outside a transaction: some of its statements ran and stay (see <see cref="MigrationFailures"/>).</summary>
    Failed,
}

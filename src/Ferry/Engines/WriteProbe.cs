using Ferry.Errors;

namespace Ferry.Engines;

/// <summary>The <see cref="IWriteProbe"/> of the servers whose transactions begin with a statement (PostgreSQL, MySQL/MariaDB).</summary>
internal static class WriteProbe
{
    /// <param name="begin">Read-write explicitly: a login whose sessions start read-only must still be refused by its privileges.</param>
    public static async Task<FerryException?> TryAsync(ISqlSession session, string begin, string sql, CancellationToken ct)
    {
        try
        {
            await session.ExecuteAsync(begin, ct).ConfigureAwait(false);
            await session.ExecuteAsync(sql, ct).ConfigureAwait(false);
            return null;
        }
        catch (FerryException e) when (e.Server is not null)
        {
            return e;
        }
        finally
        {
            // Always: an accepted write is undone, and a refused one left the transaction aborted.
            try { await session.ExecuteAsync("ROLLBACK", CancellationToken.None).ConfigureAwait(false); }
            catch (FerryException) { }
        }
    }
}

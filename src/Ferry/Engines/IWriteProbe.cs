namespace Ferry.Engines;

/// <summary>Tries a write and undoes it whatever happens: how <c>ferry grant</c> asks the database itself whether a user may write.</summary>
public interface IWriteProbe
{
    /// <summary>
    /// Runs <paramref name="sql"/> inside a read-write transaction that ends in ROLLBACK. Null when the database
    /// accepted it (and nothing of it was kept), else the database's refusal as Ferry describes it.
    /// </summary>
    Task<Errors.FerryException?> TryWriteAsync(string sql, CancellationToken cancellationToken);
}

using Ferry.Connections;

namespace Ferry.Engines;

/// <summary>
/// One open connection that answers SQL in its engine's dialect: where it is, whether it may write, and
/// statements one at a time. A <see cref="DdlSession"/> holds a transaction on it.
/// </summary>
public interface ISqlSession
{
    ConnectionTarget Target { get; }

    AccessMode Access { get; }

    /// <summary>Quoting and literals in this engine's dialect.</summary>
    ISqlDialect Dialect { get; }

    /// <summary>One round trip: proves the database answers, and says which version it runs.</summary>
    Task<ServerInfo> PingAsync(CancellationToken cancellationToken);

    /// <summary>Runs a query and returns its rows: integers as long, reals as double, text as string, blobs as byte[], NULL as null.</summary>
    Task<IReadOnlyList<object?[]>> QueryAsync(string sql, CancellationToken cancellationToken);

    /// <summary>Runs statements that change the database. Refused on a database opened read-only.</summary>
    Task ExecuteAsync(string sql, CancellationToken cancellationToken);

    /// <summary>
    /// One read-only snapshot on this session: every read until it is disposed sees the database as one
    /// moment, however long the reads take and whatever others commit meanwhile. Null where the session cannot
    /// hold one (libSQL opened for writing, whose requests each take a stream of their own).
    /// </summary>
    Task<IAsyncDisposable?> BeginSnapshotAsync(CancellationToken cancellationToken) => Task.FromResult<IAsyncDisposable?>(null);
}

using Ferry.Connections;
using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Engines;

/// <summary>
/// An open database of any engine. Everything above the engines — copy, dump, verify — speaks to
/// this interface, never to a driver.
/// </summary>
public interface IDatabase : IAsyncDisposable
{
    ConnectionTarget Target { get; }

    AccessMode Access { get; }

    /// <summary>Quoting and literals in this engine's dialect.</summary>
    ISqlDialect Dialect { get; }

    /// <summary>One round trip: proves the database answers, and says which version it runs.</summary>
    Task<ServerInfo> PingAsync(CancellationToken cancellationToken);

    Task<DatabaseSchema> ReadSchemaAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The schema without table sizes where they cost a scan of the data (SQLite without dbstat sums
    /// every stored value): a copy needs keys and row counts, not sizes. Elsewhere the same as above.
    /// </summary>
    Task<DatabaseSchema> ReadSchemaWithoutSizesAsync(CancellationToken cancellationToken) => ReadSchemaAsync(cancellationToken);

    /// <summary>
    /// The table with its engine's own CREATE text in <see cref="Table.Definition"/>, which a copy into the
    /// same engine runs as written. SQLite's schema read holds it already; MySQL asks the server, a round trip
    /// a table, so only a copy that runs the text asks for it.
    /// </summary>
    Task<Table> WithDefinitionAsync(Table table, CancellationToken cancellationToken) => Task.FromResult(table);

    /// <summary>
    /// The schema with each view, trigger and (PostgreSQL) function as its engine's own whole CREATE statement,
    /// which a copy into the same engine runs as written. SQLite's schema read holds them already; the servers
    /// are asked again, so only a copy that runs the text pays for it.
    /// </summary>
    Task<DatabaseSchema> WithObjectDefinitionsAsync(DatabaseSchema schema, CancellationToken cancellationToken) => Task.FromResult(schema);

    /// <summary>Runs a query and returns its rows: integers as long, reals as double, text as string, blobs as byte[], NULL as null.</summary>
    Task<IReadOnlyList<object?[]>> QueryAsync(string sql, CancellationToken cancellationToken);

    /// <summary>Runs statements that change the database. Refused on a database opened read-only.</summary>
    Task ExecuteAsync(string sql, CancellationToken cancellationToken);

    /// <summary>
    /// Streams every row of <paramref name="table"/>, its columns in model order, without holding the
    /// table in memory. Values as <see cref="QueryAsync"/> returns them; a SQLite text that is not
    /// valid UTF-8 arrives as <see cref="InvalidText"/> so the copy can refuse it by name.
    /// </summary>
    IAsyncEnumerable<object?[]> ReadRowsAsync(Table table, CancellationToken cancellationToken);

    /// <summary>The same, handing over values as <paramref name="read"/> allows.</summary>
    IAsyncEnumerable<object?[]> ReadRowsAsync(Table table, RowReadOptions read, CancellationToken cancellationToken) =>
        ReadRowsAsync(table, cancellationToken);

    /// <summary>
    /// True when rows can go from this database into <paramref name="target"/> in the engine's own wire
    /// format, never decoded: both ends the same engine, and a target table declared as the source's.
    /// </summary>
    bool CopiesVerbatimTo(IDatabase target) => false;

    /// <summary>
    /// Moves every row of <paramref name="table"/> into the target's <paramref name="into"/> (its columns in the
    /// same order) as the engine stores them, with memory bounded whatever the table holds; all or nothing, as
    /// <see cref="WriteRowsAsync(Table, IAsyncEnumerable{object?[]}, BulkWriteOptions, CancellationToken)"/>.
    /// Returns the rows sent. Only where <see cref="CopiesVerbatimTo"/> says so.
    /// </summary>
    Task<long> CopyVerbatimAsync(Table table, IDatabase target, Table into, BulkWriteOptions write, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Target.Engine.Display()} cannot copy rows verbatim into {target.Target.Engine.Display()}.");

    /// <summary>True when <see cref="WriteRowsAsync(Table, IAsyncEnumerable{object?[]}, CancellationToken)"/> takes a <see cref="Utf8Text"/> wherever it takes a string.</summary>
    bool WritesUtf8Text => false;

    /// <summary>
    /// Loads rows into an existing table through the engine's bulk path, all or nothing, and returns
    /// how many were written. Values are already converted to the CLR type of each column's
    /// <see cref="Column.Type"/> (bool, long, decimal, double, string, byte[], DateOnly, TimeOnly, DateTime).
    /// </summary>
    Task<long> WriteRowsAsync(Table table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken);

    /// <summary>
    /// The same, deciding what happens to rows whose primary or unique key the table already holds, and
    /// how many rows go in one request; still all or nothing. Returns the rows sent: the caller counts
    /// what the table gained.
    /// </summary>
    Task<long> WriteRowsAsync(Table table, IAsyncEnumerable<object?[]> rows, BulkWriteOptions write, CancellationToken cancellationToken) =>
        write.OnConflict == OnConflict.Fail
            ? WriteRowsAsync(table, rows, cancellationToken)
            : throw new Errors.FerryException(Errors.FerryErrorKind.Usage, $"--on-conflict {write.OnConflict.ToString().ToLowerInvariant()} is not supported for {Target.Engine.Display()} targets yet.");
}

using Ferry.Schema;

namespace Ferry.Engines;

/// <summary>What a database holds, in the model every engine shares: tables, columns, keys, views, triggers.</summary>
public interface ISchemaReader
{
    Task<DatabaseSchema> ReadSchemaAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The schema without table sizes where they cost a scan of the data (SQLite without dbstat sums
    /// every stored value): a copy needs keys and row counts, not sizes. Elsewhere the same as above.
    /// </summary>
    Task<DatabaseSchema> ReadSchemaWithoutSizesAsync(CancellationToken cancellationToken) => ReadSchemaAsync(cancellationToken);

    /// <summary>
    /// The tables' shape alone, without sizes or row counts (<see cref="Table.RowCount"/> null): for a run that reads
    /// a few rows of large tables (a sync's window), where counting every row would cost more than the run.
    /// </summary>
    Task<DatabaseSchema> ReadShapeAsync(CancellationToken cancellationToken) => ReadSchemaWithoutSizesAsync(cancellationToken);

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
}

using Ferry.Connections;
using Ferry.Engines;
using Ferry.Engines.MySql;
using Ferry.Errors;
using Ferry.Schema;

namespace Ferry.Dump;

/// <summary>
/// A Ferry archive read as the database it was dumped from: the same engine, schema and values, so a restore is a
/// copy whose source is the file, and everything a copy does (order, keys after the load, same-engine CREATE texts,
/// conversions into another engine) is the copy's. It answers no SQL and takes no rows.
/// </summary>
public sealed class ArchiveDatabase : IDatabase
{
    private readonly string _path;
    private readonly ArchiveManifest _manifest;
    private readonly DatabaseSchema _schema;

    private ArchiveDatabase(string path, ArchiveManifest manifest)
    {
        _path = path;
        _manifest = manifest;
        var counts = manifest.Tables.ToDictionary(t => (t.Schema, t.Name), t => t.Rows);
        _schema = manifest.Schema with
        {
            Tables = manifest.Schema.Tables.Select(t => t with { RowCount = counts.GetValueOrDefault((t.Schema, t.Name)) }).ToList(),
        };
        Target = new ConnectionTarget { Engine = manifest.Schema.Engine, ArchivePath = path };
        Dialect = manifest.Schema.Engine == EngineKind.MySql ? new MySqlDialect(backslashEscapes: false) : AnsiDialect.Instance;
    }

    /// <summary>Opens the archive at <paramref name="path"/>, refusing a file that is not a whole one.</summary>
    public static ArchiveDatabase Open(string path) => new(path, ArchiveFile.ReadManifest(path));

    public ArchiveManifest Manifest => _manifest;
    public ConnectionTarget Target { get; }
    public AccessMode Access => AccessMode.ReadOnly;
    public ISqlDialect Dialect { get; }

    /// <summary>SQLite's values are dumped as stored (a text that is not UTF-8, an infinite real); the servers' as their readers decode them.</summary>
    internal static bool DumpsVerbatim(EngineKind engine) => engine is EngineKind.Sqlite or EngineKind.Libsql;

    public bool ReadsVerbatim => DumpsVerbatim(_schema.Engine);

    public Task<ServerInfo> PingAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ServerInfo(_schema.Engine, _schema.ServerVersion, TimeSpan.Zero, Target.Redacted));

    public Task<DatabaseSchema> ReadSchemaAsync(CancellationToken cancellationToken) => Task.FromResult(_schema);

    public Task<IReadOnlyList<object?[]>> QueryAsync(string sql, CancellationToken cancellationToken) => throw NoSql();

    public Task ExecuteAsync(string sql, CancellationToken cancellationToken) => throw NoSql();

    public IAsyncEnumerable<object?[]> ReadRowsAsync(Table table, CancellationToken cancellationToken) =>
        ReadRowsAsync(table, new RowReadOptions(), cancellationToken);

    public IAsyncEnumerable<object?[]> ReadRowsAsync(Table table, RowReadOptions read, CancellationToken cancellationToken)
    {
        if (table.Filter is not null || read.Within is not null || read.OrderedByKey)
            throw new FerryException(FerryErrorKind.Usage, $"{Target.Redacted} holds {table.QualifiedName}'s rows as dumped: it cannot pick a window or a key range of them.");
        var entry = _manifest.Tables.FirstOrDefault(t => t.Name == table.Name && t.Schema == table.Schema)
            ?? throw new FerryException(FerryErrorKind.Usage, $"{Target.Redacted} holds no table {table.QualifiedName}.");
        var stored = _schema.Tables.First(t => t.Name == table.Name && t.Schema == table.Schema);
        // The rows hold the dumped columns in their order; a table asked for with its columns in another order is not one.
        if (!stored.Columns.Select(c => c.Name).SequenceEqual(table.Columns.Select(c => c.Name)))
            throw new InvalidOperationException($"{table.QualifiedName} is asked for with columns other than the archive's.");
        return ArchiveRows.ReadAsync(_path, entry, stored.Columns.Count, cancellationToken);
    }

    public Task<long> WriteRowsAsync(Table table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken) => throw ReadOnly();

    public Task<long> WriteRowsAsync(Table table, IAsyncEnumerable<object?[]> rows, BulkWriteOptions write, CancellationToken cancellationToken) => throw ReadOnly();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private FerryException NoSql() =>
        new(FerryErrorKind.Usage, $"{Target.Redacted} is an archive, not a server: it answers no SQL. Restore it into a database (ferry restore) and ask that.");

    private FerryException ReadOnly() => new(FerryErrorKind.Usage, $"{Target.Redacted} is an archive: it is read, never written.");
}

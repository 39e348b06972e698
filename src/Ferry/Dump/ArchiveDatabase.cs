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

    private ArchiveDatabase(string path, ArchiveManifest manifest)
    {
        _path = path;
        _manifest = manifest;
        Target = new ConnectionTarget { Engine = manifest.Schema.Engine, ArchivePath = path };
        Dialect = manifest.Schema.Engine == EngineKind.MySql ? new MySqlDialect(backslashEscapes: false) : AnsiDialect.Instance;
    }

    /// <summary>Opens the archive at <paramref name="path"/>, refusing a file that is not a whole one.</summary>
    public static ArchiveDatabase Open(string path) => new(path, ArchiveFile.ReadManifest(path));

    public ArchiveManifest Manifest => _manifest;
    public ConnectionTarget Target { get; }
    public AccessMode Access => AccessMode.ReadOnly;
    public ISqlDialect Dialect { get; }

    /// <summary>Into a database of the archive's engine that takes every table's bulk format (PostgreSQL's COPY), nothing decoded.</summary>
    public bool CopiesVerbatimTo(IRowSink target) =>
        _manifest.Tables.Count > 0 && _manifest.Tables.All(t => t.Format != ArchivedTable.Values && target.ImportsBulk(t.Format));

    public Task<long> CopyVerbatimAsync(Table table, IRowSink target, Table into, BulkWriteOptions write, CancellationToken cancellationToken)
    {
        var entry = Entry(table);
        return Import();

        async Task<long> Import()
        {
            await using var rows = await ArchiveRows.OpenBulkAsync(_path, entry, cancellationToken).ConfigureAwait(false);
            return await target.ImportBulkAsync(into, entry.Format, rows, write, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<ServerInfo> PingAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ServerInfo(_manifest.Schema.Engine, _manifest.Schema.ServerVersion, TimeSpan.Zero, Target.Redacted));

    /// <summary>The schema as dumped: each table's count is the rows the dump wrote of it.</summary>
    public Task<DatabaseSchema> ReadSchemaAsync(CancellationToken cancellationToken) => Task.FromResult(_manifest.Schema);

    public Task<IReadOnlyList<object?[]>> QueryAsync(string sql, CancellationToken cancellationToken) => throw NoSql();

    public Task ExecuteAsync(string sql, CancellationToken cancellationToken) => throw NoSql();

    public IAsyncEnumerable<object?[]> ReadRowsAsync(Table table, CancellationToken cancellationToken) =>
        ReadRowsAsync(table, new RowReadOptions(), cancellationToken);

    public IAsyncEnumerable<object?[]> ReadRowsAsync(Table table, RowReadOptions read, CancellationToken cancellationToken)
    {
        if (table.Filter is not null || read.Within is not null || read.OrderedByKey)
            throw new FerryException(FerryErrorKind.Usage, $"{Target.Redacted} holds {table.QualifiedName}'s rows as dumped: it cannot pick a window or a key range of them.");
        var entry = Entry(table);
        var kept = ArchiveRows.Kept(_manifest.TableOf(entry)!).Columns.Select(c => c.Name).ToList();
        // The rows hold the kept columns; a copy asks for those, perhaps fewer.
        var at = table.Columns.Select(c => kept.IndexOf(c.Name)).ToArray();
        if (Array.IndexOf(at, -1) is >= 0 and var missing)
            throw new FerryException(FerryErrorKind.Usage, $"{Target.Redacted} holds no column {table.Columns[missing].Name} of {table.QualifiedName}.");
        var rows = ArchiveRows.ReadAsync(_path, entry, kept.Count, cancellationToken);
        return at.SequenceEqual(Enumerable.Range(0, kept.Count)) ? rows : Project(rows, at);
    }

    private ArchivedTable Entry(Table table) =>
        _manifest.Tables.FirstOrDefault(t => t.Name == table.Name && t.Schema == table.Schema)
            ?? throw new FerryException(FerryErrorKind.Usage, $"{Target.Redacted} holds no rows of a table {table.QualifiedName}.");

    private static async IAsyncEnumerable<object?[]> Project(IAsyncEnumerable<object?[]> rows, int[] at)
    {
        await foreach (var row in rows.ConfigureAwait(false))
            yield return Array.ConvertAll(at, i => row[i]);
    }

    public Task<long> WriteRowsAsync(Table table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken) => throw ReadOnly();

    public Task<long> WriteRowsAsync(Table table, IAsyncEnumerable<object?[]> rows, BulkWriteOptions write, CancellationToken cancellationToken) => throw ReadOnly();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private FerryException NoSql() =>
        new(FerryErrorKind.Usage, $"{Target.Redacted} is an archive, not a server: it answers no SQL. Restore it into a database (ferry restore) and ask that.");

    private FerryException ReadOnly() => new(FerryErrorKind.Usage, $"{Target.Redacted} is an archive: it is read, never written.");
}

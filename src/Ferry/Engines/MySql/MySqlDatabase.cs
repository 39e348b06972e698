using System.Diagnostics;
using Ferry.Connections;
using Ferry.Errors;
using Ferry.Schema;
using MySqlConnector;

namespace Ferry.Engines.MySql;

/// <summary>
/// An open MySQL or MariaDB database: one connection, held for the database's life. A read-only one
/// runs with <c>SET SESSION TRANSACTION READ ONLY</c> and refuses multi-statement batches.
/// </summary>
/// <remarks>
/// The server-side mode guards against writes, not against a caller that lifts it: a statement such
/// as <c>SET SESSION TRANSACTION READ WRITE</c> sent through <see cref="QueryAsync"/> would. Ferry
/// never sends one; a source that must be safe against any SQL wants an account with only SELECT.
/// MySqlConnector's *Async methods are asynchronous all the way down: a cancellation stops a statement
/// on the server (KILL QUERY) as well as between statements.
/// </remarks>
/// <param name="sqlMode">The session's sql_mode as opened: the quoting it speaks, and what a verbatim write restores.</param>
internal sealed class MySqlDatabase(ConnectionTarget target, OpenOptions options, MySqlConnection connection, string sqlMode) : IDatabase, IOneStatement, IWriteProbe
{
    public ConnectionTarget Target => target;

    public AccessMode Access => options.Access;

    private readonly MySqlDialect dialect = MySqlDialect.ForSqlMode(sqlMode);
    private readonly string _sqlMode = sqlMode;

    public ISqlDialect Dialect => dialect;

    public async Task<ServerInfo> PingAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var rows = await QueryAsync("SELECT VERSION()", cancellationToken).ConfigureAwait(false);
        return new ServerInfo(EngineKind.MySql, (string)rows[0][0]!, clock.Elapsed, target.Redacted);
    }

    public Task<DatabaseSchema> ReadSchemaAsync(CancellationToken cancellationToken) =>
        new MySqlSchemaReader(this).ReadAsync(cancellationToken);

    public Task<DatabaseSchema> ReadShapeAsync(CancellationToken cancellationToken) =>
        new MySqlSchemaReader(this, counts: false).ReadAsync(cancellationToken);

    /// <summary>The table as the server writes it (SHOW CREATE TABLE): within MySQL it is created from this, as written.</summary>
    public async Task<Table> WithDefinitionAsync(Table table, CancellationToken cancellationToken) =>
        table with { Definition = Convert.ToString((await QueryAsync("SHOW CREATE TABLE " + Dialect.Quote(table.Name), cancellationToken).ConfigureAwait(false))[0][1], System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>Views and triggers as the server writes them, without their DEFINER (see <see cref="MySqlObjectDefinitions"/>).</summary>
    public Task<DatabaseSchema> WithObjectDefinitionsAsync(DatabaseSchema schema, CancellationToken cancellationToken) =>
        MySqlObjectDefinitions.ReadAsync(this, schema, cancellationToken);

    public async Task<IReadOnlyList<object?[]>> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        // MySqlConnector always lets the server run batches: a read-only database sends one statement at a time.
        if (options.Access == AccessMode.ReadOnly && MySqlStatements.HasSeveral(sql, dialect))
            throw new FerryException(FerryErrorKind.Failed, $"{target.Redacted} is open read-only and runs one statement at a time; the query holds several.");
        try
        {
            using var command = new MySqlCommand(sql, connection);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<object?[]>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++) row[i] = MySqlValues.Read(reader, i);
                rows.Add(row);
            }
            return rows;
        }
        catch (MySqlException e)
        {
            throw MySqlErrors.Describe(e, target);
        }
    }

    public IAsyncEnumerable<object?[]> ReadRowsAsync(Table table, CancellationToken cancellationToken) =>
        ReadRowsAsync(table, RowReadOptions.Default, cancellationToken);

    public async IAsyncEnumerable<object?[]> ReadRowsAsync(Table table, RowReadOptions read, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var rows = MySqlRowReader.ReadAsync(connection, table, dialect, read, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await rows.MoveNextAsync().ConfigureAwait(false)) yield break;
            }
            catch (MySqlException e)
            {
                throw MySqlErrors.Describe(e, target);
            }
            yield return rows.Current;
        }
    }

    public Task<long> WriteRowsAsync(Table table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
        WriteRowsAsync(table, rows, BulkWriteOptions.Default, cancellationToken);

    public Task<long> WriteRowsAsync(Table table, IAsyncEnumerable<object?[]> rows, BulkWriteOptions write, CancellationToken cancellationToken) =>
        write.OnConflict == OnConflict.Fail
            ? WritingAsync(() => MySqlBulkWriter.WriteAsync(connection, table, dialect, rows, write, cancellationToken), write.Verbatim)
            : WritingAsync(() => MySqlUpsert.WriteAsync(connection, table, dialect, rows, write, cancellationToken), write.Verbatim);

    /// <param name="verbatim">Values as stored in a MySQL source: written in its looser sql_mode (<see cref="MySqlVerbatim.SqlMode"/>), then the session's own again.</param>
    private async Task<long> WritingAsync(Func<Task<long>> write, bool verbatim)
    {
        RequireWritable();
        try
        {
            if (!verbatim) return await write().ConfigureAwait(false);
            await ExecuteAsync(MySqlVerbatim.SqlMode, CancellationToken.None).ConfigureAwait(false);
            return await write().ConfigureAwait(false);
        }
        catch (MySqlException e)
        {
            throw MySqlErrors.Describe(e, target);
        }
        finally
        {
            if (verbatim)
                await ExecuteAsync("SET SESSION sql_mode = " + dialect.QuoteLiteral(_sqlMode), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>InnoDB's consistent snapshot, taken now rather than at the first read.</summary>
    public Task<IAsyncDisposable?> BeginSnapshotAsync(CancellationToken cancellationToken) =>
        SqlSnapshot.BeginAsync(this, "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY", cancellationToken);

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        // The session is read-only on the server as well. MariaDB 10.11 refuses DML and DDL alike in it
        // (CREATE/ALTER/DROP/TRUNCATE TABLE, CREATE DATABASE, CREATE USER: error 1792, checked by hand
        // and in the tests), but DDL commits implicitly and not every MySQL version treats it as part of
        // the read-only transaction, so Ferry refuses before sending: one clear sentence, on any server.
        RequireWritable();
        try
        {
            using var command = new MySqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException e)
        {
            throw MySqlErrors.Describe(e, target);
        }
    }

    private void RequireWritable()
    {
        ReadOnlyGuard.RequireWritable(options.Access, target);
    }

    public Task<StatementRows> RunOneAsync(string sql, TimeSpan? timeout, CancellationToken cancellationToken) =>
        MySqlQuery.RunAsync(connection, target, options.Access == AccessMode.ReadOnly, sql, timeout, cancellationToken);

    public Task<FerryException?> TryWriteAsync(string sql, CancellationToken cancellationToken) =>
        WriteProbe.TryAsync(this, "START TRANSACTION READ WRITE", sql, cancellationToken);

    public async Task<string?> PowersBeyondReadingAsync(CancellationToken cancellationToken) =>
        (await QueryAsync(MySqlQuery.PowersSql, cancellationToken).ConfigureAwait(false)) is [[string { Length: > 0 } powers]] ? powers : null;

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}

using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Ferry.Engines;

/// <summary>
/// The run of one statement that PostgreSQL and MySQL share through ADO.NET: the session's setup statements
/// (BEGIN … READ ONLY, the timeout), the statement itself, and its rows as <see cref="StatementRows"/> whose
/// end is the engine's ROLLBACK, tried even when the statement failed.
/// </summary>
/// <param name="Rollback">The statements that end the transaction begun in the setup, each tried whatever the one before did; none without one.</param>
internal sealed record DriverStatement(DbConnection Connection, IReadOnlyList<string> Rollback, Func<Exception, bool> IsDriverError, Func<Exception, Exception> Describe)
{
    /// <summary>A started statement: its reader, how to cancel it on the server, and what owns both.</summary>
    public sealed record Started(DbDataReader Reader, Action Cancel, IAsyncDisposable Owner);

    /// <param name="setup">Run first, in order; one of them may begin the transaction that <see cref="Rollback"/> ends.</param>
    /// <param name="start">Sends the user's statement, in the engine's way of keeping it to one.</param>
    /// <param name="read">One value of the current row, not NULL, as the engine reads it.</param>
    public async Task<StatementRows> RunAsync(IEnumerable<string> setup, Func<CancellationToken, Task<Started>> start, Func<DbDataReader, int, object> read, CancellationToken ct)
    {
        try
        {
            foreach (var sql in setup) await ExecuteAsync(sql, ct).ConfigureAwait(false);
            var started = await start(ct).ConfigureAwait(false);
            var reader = started.Reader;
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            return new StatementRows(columns, ReadAsync(reader, read, ct),
                stop: () => { started.Cancel(); return ValueTask.CompletedTask; },
                end: async () =>
                {
                    // A reader stopped on purpose ends with the server's cancellation, which is what was asked for.
                    try { await reader.DisposeAsync().ConfigureAwait(false); }
                    catch (Exception e) when (IsDriverError(e) || e is OperationCanceledException) { }
                    await started.Owner.DisposeAsync().ConfigureAwait(false);
                    await RollbackAsync().ConfigureAwait(false);
                });
        }
        catch (Exception e) when (IsDriverError(e))
        {
            await RollbackAsync().ConfigureAwait(false);
            throw Describe(e);
        }
    }

    private async IAsyncEnumerable<object?[]> ReadAsync(DbDataReader reader, Func<DbDataReader, int, object> read, [EnumeratorCancellation] CancellationToken ct)
    {
        while (true)
        {
            object?[] row;
            try
            {
                if (!await reader.ReadAsync(ct).ConfigureAwait(false)) yield break;
                row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : read(reader, i);
            }
            catch (Exception e) when (IsDriverError(e))
            {
                throw Describe(e);
            }
            yield return row;
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Always tried, and quietly: after a failed statement the transaction is aborted and ROLLBACK is what ends it;
    /// on a broken connection there is nothing left to end, and the statement's own error is the one to report.
    /// </summary>
    private async Task RollbackAsync()
    {
        foreach (var sql in Rollback)
        {
            try { await ExecuteAsync(sql, CancellationToken.None).ConfigureAwait(false); }
            catch (Exception e) when (IsDriverError(e) || e is InvalidOperationException) { }
        }
    }
}

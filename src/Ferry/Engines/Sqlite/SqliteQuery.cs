using System.Runtime.CompilerServices;
using Ferry.Errors;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Ferry.Engines.Sqlite;

/// <summary>
/// One statement of a user's SQL on a SQLite connection, prepared by SQLite itself: Microsoft.Data.Sqlite would run
/// every statement in the text, so Ferry prepares the first and has SQLite prepare what follows it, refusing the
/// text when that is a statement too. Read-only, the connection is <c>Mode=ReadOnly</c>, SQLite's own verdict
/// (<c>sqlite3_stmt_readonly</c>) refuses a statement that writes (a temporary table, which a read-only file still
/// allows, included), and it runs in a transaction that always ends in ROLLBACK.
/// </summary>
internal static class SqliteQuery
{
    public static async Task<StatementRows> RunAsync(SqliteConnection connection, string where, bool readOnly, string sql, TimeSpan? timeout, CancellationToken ct)
    {
        var db = connection.Handle!;
        var statement = Prepare(connection, where, sql, out var tail);
        var inTransaction = false;
        try
        {
            using (var next = Prepare(connection, where, tail, out _))
            {
                if (!next.IsInvalid)
                    throw new FerryException(FerryErrorKind.Usage,
                        $"SQLite found a second statement after the first in the query on {where}; ferry query runs exactly one.");
            }
            if (readOnly && raw.sqlite3_stmt_readonly(statement) == 0)
                throw new FerryException(FerryErrorKind.Failed,
                    $"SQLite reports that this statement writes, and {where} is open read-only; nothing was written.");
            if (readOnly)
            {
                using var begin = connection.CreateCommand();
                begin.CommandText = "BEGIN";
                await begin.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                inTransaction = true;
            }
        }
        catch (Exception e) when (e is SqliteException or FerryException)
        {
            statement.Dispose();
            throw SqliteErrors.Describe(e, where);
        }

        var columns = Enumerable.Range(0, raw.sqlite3_column_count(statement)).Select(i => raw.sqlite3_column_name(statement, i).utf8_to_string()).ToArray();
        // SQLite has no statement timeout: a timer interrupts the connection, and the step returns SQLITE_INTERRUPT.
        var timer = timeout is { } limit ? new CancellationTokenSource(limit) : new CancellationTokenSource();
        var interrupt = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, ct);
        var registration = interrupt.Token.Register(() => raw.sqlite3_interrupt(db));
        return new StatementRows(columns, StepAsync(connection, statement, where, timer, ct),
            stop: () => { raw.sqlite3_interrupt(db); return ValueTask.CompletedTask; },
            end: async () =>
            {
                await registration.DisposeAsync().ConfigureAwait(false);
                interrupt.Dispose();
                timer.Dispose();
                statement.Dispose();
                // A COMMIT or ROLLBACK run as the query has ended the transaction already.
                if (inTransaction && raw.sqlite3_get_autocommit(db) == 0)
                {
                    using var rollback = connection.CreateCommand();
                    rollback.CommandText = "ROLLBACK";
                    await rollback.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                }
            });
    }

    private static sqlite3_stmt Prepare(SqliteConnection connection, string where, string sql, out string tail)
    {
        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement, out tail);
        if (rc == raw.SQLITE_OK) return statement;
        var error = SqliteErrors.Last(connection);
        statement.Dispose();
        throw SqliteErrors.Describe(error, where);
    }

    private static async IAsyncEnumerable<object?[]> StepAsync(SqliteConnection connection, sqlite3_stmt statement, string where, CancellationTokenSource timer,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var count = raw.sqlite3_column_count(statement);
        while (true)
        {
            // Stepping is synchronous (SQLite runs in this process); yielding keeps a long scan from holding the caller's thread.
            await Task.Yield();
            var rc = raw.sqlite3_step(statement);
            if (rc == raw.SQLITE_DONE) yield break;
            if (rc != raw.SQLITE_ROW)
            {
                ct.ThrowIfCancellationRequested();
                var error = SqliteErrors.Last(connection);
                if (rc == SqliteErrorCodes.Interrupt && timer.IsCancellationRequested)
                    throw FerryException.WithServer(new FerryException(FerryErrorKind.Failed, $"SQLite stopped the query on {where}: it ran longer than its timeout.", error),
                        error, SqliteErrorCodes.ServerErrorOf(error));
                throw SqliteErrors.Describe(error, where);
            }
            var row = new object?[count];
            for (var i = 0; i < count; i++)
            {
                row[i] = raw.sqlite3_column_type(statement, i) switch
                {
                    raw.SQLITE_INTEGER => raw.sqlite3_column_int64(statement, i),
                    raw.SQLITE_FLOAT => raw.sqlite3_column_double(statement, i),
                    raw.SQLITE_TEXT => raw.sqlite3_column_text(statement, i).utf8_to_string(),
                    raw.SQLITE_BLOB => raw.sqlite3_column_blob(statement, i).ToArray(),
                    _ => null,
                };
            }
            yield return row;
        }
    }
}

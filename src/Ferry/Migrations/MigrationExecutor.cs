using System.Diagnostics;
using System.Globalization;
using Ferry.Connections;
using Ferry.Engines;
using Ferry.Engines.Libsql;
using Ferry.Errors;

namespace Ferry.Migrations;

/// <summary>
/// Runs one migration's statements (its up or its down part) and its history bookkeeping under the
/// <see cref="TransactionStrategy"/> its engine and file allow.
/// </summary>
internal sealed class MigrationExecutor(ISqlSession session, IMigrationHistory history, MigrationFailures failures)
{
    /// <summary>One direction of a migration: its statements, the file they came from, and the history change that records them.</summary>
    public sealed record Step(Migration Migration, string File, IReadOnlyList<string> Statements, Func<TimeSpan, string> Bookkeeping, bool Undo);

    /// <summary>The outcome, or the failure; never throws for a statement the server refuses.</summary>
    public async Task<(MigrationOutcome? Done, MigrationFailure? Failure)> RunAsync(Step step, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        return TransactionStrategies.For(session, step.Migration) switch
        {
            TransactionStrategy.Transaction => await InTransactionAsync(step, clock, ct).ConfigureAwait(false),
            TransactionStrategy.Batch => await InBatchAsync(step, clock, ct).ConfigureAwait(false),
            _ => await OneByOneAsync(step, clock, ct).ConfigureAwait(false),
        };
    }

    private async Task<(MigrationOutcome?, MigrationFailure?)> InTransactionAsync(Step step, Stopwatch clock, CancellationToken ct)
    {
        var sqlite = session.Target.Engine == EngineKind.Sqlite;
        if (sqlite) await SqliteForeignKeys.BeforeAsync(session, step.Statements, ct).ConfigureAwait(false);
        await session.ExecuteAsync(TransactionStrategies.Begin(session), ct).ConfigureAwait(false);
        var committed = false;
        try
        {
            // Asked again under the transaction's lock: another run may have done this step meanwhile.
            if (await DoneAlreadyAsync(step, ct).ConfigureAwait(false))
                return (new MigrationOutcome(step.Migration, clock.Elapsed, ByAnotherRun: true), null);
            for (var i = 0; i < step.Statements.Count; i++)
            {
                try
                {
                    await session.ExecuteAsync(step.Statements[i], ct).ConfigureAwait(false);
                }
                catch (FerryException e)
                {
                    return (null, new MigrationFailure(step.Migration, step.File, i + 1, step.Statements.Count, step.Statements[i], e, RolledBack: true));
                }
            }
            if (sqlite && await SqliteForeignKeys.ViolationAsync(session, ct).ConfigureAwait(false) is { } violation)
                return (null, ForeignKeyFailure(step, violation));
            await session.ExecuteAsync(step.Bookkeeping(clock.Elapsed), ct).ConfigureAwait(false);
            await session.ExecuteAsync("COMMIT", ct).ConfigureAwait(false);
            committed = true;
            return (new MigrationOutcome(step.Migration, clock.Elapsed), null);
        }
        finally
        {
            if (!committed) await RollbackAsync().ConfigureAwait(false);
            if (sqlite) await SqliteForeignKeys.AfterAsync(session).ConfigureAwait(false);
        }
    }

    private async Task RollbackAsync()
    {
        try
        {
            await session.ExecuteAsync("ROLLBACK", CancellationToken.None).ConfigureAwait(false);
        }
        catch (FerryException)
        {
            // The connection is gone, and the server rolled the transaction back with it.
        }
    }

    private async Task<(MigrationOutcome?, MigrationFailure?)> InBatchAsync(Step step, Stopwatch clock, CancellationToken ct)
    {
        var database = (LibsqlDatabase)session;
        // As on SQLite: a file that turns foreign keys off (a table rebuild) runs with them off, set before BEGIN, and
        // is rolled back when it leaves a row pointing nowhere. sqld enforces foreign keys, so a rebuild's DROP TABLE
        // would otherwise cascade into the child tables.
        var foreignKeysOff = step.Statements.Any(SqliteForeignKeys.TurnsOff);
        // The row is written in the same batch as the statements, before their time is known: execution_ms is 0 on libSQL.
        var statements = step.Statements.Concat(foreignKeysOff ? [SqliteForeignKeys.FailIfViolated] : [])
            .Append(step.Bookkeeping(TimeSpan.Zero)).Select(s => new HranaStatement(s, WantRows: false)).ToList();
        try
        {
            await database.ExecuteStatementsAsync(statements, foreignKeysOff, ct).ConfigureAwait(false);
        }
        catch (FerryException e)
        {
            // The batch opens with BEGIN (after the pragma, when there is one), so statement n (1-based) is step n or n + 1;
            // the foreign key check and the bookkeeping come after the statements.
            var index = e.InnerException is HranaException { Step: { } s } ? s - (foreignKeysOff ? 1 : 0) : 0;
            if (foreignKeysOff && index == step.Statements.Count + 1)
                return (null, ForeignKeyFailure(step, "PRAGMA foreign_key_check found a row whose foreign key points nowhere"));
            if (index < 1 || index > step.Statements.Count) throw;
            return (null, new MigrationFailure(step.Migration, step.File, index, step.Statements.Count, step.Statements[index - 1], e, RolledBack: true));
        }
        return (new MigrationOutcome(step.Migration, clock.Elapsed), null);
    }

    private async Task<(MigrationOutcome?, MigrationFailure?)> OneByOneAsync(Step step, Stopwatch clock, CancellationToken ct)
    {
        for (var i = 0; i < step.Statements.Count; i++)
        {
            try
            {
                await session.ExecuteAsync(step.Statements[i], ct).ConfigureAwait(false);
            }
            catch (FerryException e)
            {
                if (!step.Undo) await failures.RecordAsync(step.Migration, i + 1, e.Server?.Text ?? e.Message, ct).ConfigureAwait(false);
                return (null, new MigrationFailure(step.Migration, step.File, i + 1, step.Statements.Count, step.Statements[i], e, RolledBack: false));
            }
        }
        await session.ExecuteAsync(step.Bookkeeping(clock.Elapsed), ct).ConfigureAwait(false);
        if (!step.Undo) await failures.ClearAsync(step.Migration, ct).ConfigureAwait(false);
        return (new MigrationOutcome(step.Migration, clock.Elapsed), null);
    }

    private async Task<bool> DoneAlreadyAsync(Step step, CancellationToken ct)
    {
        var rows = await session.QueryAsync(history.CountOf(step.Migration), ct).ConfigureAwait(false);
        var recorded = Convert.ToInt64(rows[0][0], CultureInfo.InvariantCulture) > 0;
        return step.Undo ? !recorded : recorded;
    }

    /// <summary>The migration rolled back because the foreign key check after its statements found a row pointing nowhere.</summary>
    private static MigrationFailure ForeignKeyFailure(Step step, string message) =>
        new(step.Migration, step.File, step.Statements.Count, step.Statements.Count, "PRAGMA foreign_key_check",
            new FerryException(FerryErrorKind.Failed, message), RolledBack: true);
}

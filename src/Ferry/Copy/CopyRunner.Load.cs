using System.Diagnostics;
using System.Runtime.CompilerServices;
using Ferry.Connections;
using Ferry.Engines;
using Ferry.Errors;
using Ferry.Values;

namespace Ferry.Copy;

/// <summary>The load: rows read, converted and refused by name, written in bulk, one table or several at a time.</summary>
public sealed partial class CopyRunner
{
    /// <summary>
    /// Loads every table: one after another, or with --jobs N on N connection pairs, largest tables
    /// first so the long ones start early. SQLite and libSQL targets take one writer at a time, so
    /// they always load one table at a time.
    /// </summary>
    private async Task<List<TableReport>> LoadAllAsync(CopyPlan plan, CopyJournal journal, Rejects? rejects, HashSet<string> notCreated, CancellationToken ct)
    {
        // A table the target refused to create has no rows to load: they are counted as not copied.
        var skipped = plan.Tables.Where(t => notCreated.Contains(t.Target.Name))
            .ToDictionary(t => t.Target.Name, t => new TableReport { Table = t.Target.Name, NotCopied = t.Source.RowCount ?? 0 }, StringComparer.Ordinal);
        plan = plan with { Tables = plan.Tables.Where(t => !notCreated.Contains(t.Target.Name)).ToList() };
        var loaded = await LoadTablesAsync(plan, journal, rejects, ct).ConfigureAwait(false);
        return [.. loaded, .. skipped.Values];
    }

    private async Task<List<TableReport>> LoadTablesAsync(CopyPlan plan, CopyJournal journal, Rejects? rejects, CancellationToken ct)
    {
        var jobs = target.Target.Engine is EngineKind.Sqlite or EngineKind.Libsql || openSource is null || openTarget is null ? 1 : Math.Clamp(options.Jobs, 1, plan.Tables.Count);
        if (jobs == 1)
        {
            var reports = new List<TableReport>();
            foreach (var table in plan.Tables) reports.Add(await LoadAsync(table, source, target, journal, rejects, ct).ConfigureAwait(false));
            return reports;
        }
        var queue = new System.Collections.Concurrent.ConcurrentQueue<TablePlan>(plan.Tables.OrderByDescending(t => t.Source.RowCount ?? 0));
        var done = new System.Collections.Concurrent.ConcurrentDictionary<string, TableReport>(StringComparer.Ordinal);
        // One table failing stops the others: what happens next (undo, resume) needs every load ended.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        async Task Work(int worker)
        {
            var (from, to) = worker == 0 ? (source, target) : (await openSource!(stop.Token).ConfigureAwait(false), await openTarget!(stop.Token).ConfigureAwait(false));
            try
            {
                while (queue.TryDequeue(out var table)) done[table.Target.Name] = await LoadAsync(table, from, to, journal, rejects, stop.Token).ConfigureAwait(false);
            }
            catch
            {
                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
            finally
            {
                if (worker > 0)
                {
                    await from.DisposeAsync().ConfigureAwait(false);
                    await to.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        var workers = Enumerable.Range(0, jobs).Select(Work).ToList();
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (Exception) when (!ct.IsCancellationRequested
            && workers.Select(w => w.Exception?.InnerException).FirstOrDefault(e => e is not null and not OperationCanceledException) is { } first)
        {
            // The others stopped because this one failed: it is the failure to report.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
        return plan.Tables.Select(t => done[t.Target.Name]).ToList();
    }

    private async Task<TableReport> LoadAsync(TablePlan table, IRowSource source, IDatabase target, CopyJournal journal, Rejects? rejects, CancellationToken ct)
    {
        var name = table.Target.Name;
        var phase = journal.PhaseOf(name);
        if (phase >= TablePhase.Loaded)
        {
            progress?.Report(new CopyEvent.Step($"{name} was loaded before the interruption"));
            var done = journal.Tables[name].Written;
            return new TableReport { Table = name, Read = done, Written = done };
        }
        if (phase == TablePhase.Loading)
        {
            // The interrupted load may have committed some batches (libSQL) or all of it (killed before the
            // journal said so): the table is this copy's own, so it is emptied and loaded again.
            if (!journal.Tables[name].Owned)
                throw new FerryException(FerryErrorKind.Failed, $"{name} was interrupted while rows were appended to it; Ferry cannot tell its rows from the copy's. Restore it, then copy it again.");
            await target.ExecuteAsync($"DELETE FROM {target.Dialect.Name(table.Target.Schema, name)}", ct).ConfigureAwait(false);
        }
        journal.Set(name, TablePhase.Loading);
        progress?.Report(new CopyEvent.TableStarted(name, table.Source.RowCount));
        var clock = Stopwatch.StartNew();
        var counts = new Counts();
        // With skip or update, what the table gained is counted, not assumed: every row is then inserted, a conflict, or
        // refused. Not in an incremental copy, whose few rows would cost less than the counts.
        var counted = options.OnConflict != OnConflict.Fail && !options.Incremental;
        var before = counted ? await RowCount.OfAsync(target, table.Target, ct).ConfigureAwait(false) : 0;
        long sent;
        try
        {
            var write = new BulkWriteOptions { OnConflict = options.OnConflict, BatchSize = options.BatchSize, Verbatim = table.Verbatim };
            if (table.Verbatim && source.CopiesVerbatimTo(target))
            {
                // Declared alike on both ends: the rows go in the engine's own format, never decoded, so none can be refused.
                sent = await source.CopyVerbatimAsync(table.Source, target, table.Written, write, ct).ConfigureAwait(false);
                counts.Read = sent;
            }
            else
            {
                var rows = Prefetch.ReadAhead(ConvertRows(table, source, counts, rejects, ct), ct, options.BatchSize ?? Prefetch.BatchRows);
                sent = await target.WriteRowsAsync(table.Written, rows, write, ct).ConfigureAwait(false);
            }
        }
        catch (FerryException e) when (e is not CopyRefusedException)
        {
            throw FerryException.Restated(e, $"Loading {name} failed: {e.Message.TrimEnd('.')}. {StateAfterFailedLoad(name)}");
        }
        var written = counted ? await RowCount.OfAsync(target, table.Target, ct).ConfigureAwait(false) - before : sent;
        journal.Set(name, TablePhase.Loaded, written);
        var report = new TableReport { Table = name, Read = counts.Read, Written = written, Refused = counts.Refused, Conflicts = sent - written, Elapsed = clock.Elapsed };
        if (report.Refused > 0) lock (_problems) _problems.Add($"{report.Refused:N0} rows of {table.Target.Name} were refused; they are in {rejects!.Path}.");
        progress?.Report(new CopyEvent.TableDone(report));
        return report;
    }

    /// <summary>What the target holds after a load failed, and how to go on: the sentence a user needs next.</summary>
    private string StateAfterFailedLoad(string table)
    {
        // libSQL loads over HTTP in batches of their own; the other engines load a table in one transaction.
        var kept = target.Target.Engine == EngineKind.Libsql
            ? $"Batches of {table} already sent are kept and will be emptied on resume"
            : $"Nothing of {table} was kept";
        return $"{kept}; tables loaded before it are complete. Fix the cause and run again with --resume, or with --if-exists drop to start over.";
    }


    private sealed class Counts
    {
        public long Read;
        public long Refused;
    }

    private async IAsyncEnumerable<object?[]> ConvertRows(TablePlan table, IRowSource source, Counts counts, Rejects? rejects, [EnumeratorCancellation] CancellationToken ct)
    {
        var converters = table.Choices.Select(c => Conversion.For(c, target.Target.Engine)).ToArray();
        // Texts stay UTF-8 bytes from a source that stores them so to a target that takes them so.
        var read = new RowReadOptions { TextAsUtf8 = target.WritesUtf8Text, Verbatim = table.Verbatim };
        await foreach (var row in source.ReadRowsAsync(table.Source, read, ct).WithCancellation(ct).ConfigureAwait(false))
        {
            counts.Read++;
            var output = new object?[converters.Length];
            var column = 0;
            try
            {
                for (; column < converters.Length; column++) output[column] = converters[column].Apply(row[column]);
            }
            catch (ValueRefusedException refusal)
            {
                counts.Refused++;
                var key = table.KeyText(row, counts.Read);
                var name = table.Source.Columns[column].Name;
                // The runner says what became of the target and what to run next: it knows what this copy changed.
                if (rejects is null) throw new CopyRefusedException(table.Target.Name, $"Row {key} of {table.Target.Name}, column {name}: {refusal.Message}");
                rejects.Add(table.Target.Name, key, name, refusal.Message, row);
                continue;
            }
            if (counts.Read % ProgressEvery == 0) progress?.Report(new CopyEvent.Rows(table.Target.Name, counts.Read, counts.Read - counts.Refused));
            yield return output;
        }
    }

}

using System.Diagnostics;
using Ferry.Copy;
using Ferry.Engines;
using Ferry.Errors;
using Ferry.Schema;

namespace Ferry.Sync;

/// <summary>
/// One run of <c>ferry sync</c>: takes each table's watermark, copies whole the tables the target does not hold
/// yet, upserts by primary key the rows of the others at or past their window's watermark, optionally deletes
/// the rows the source no longer holds, and only then records the watermarks. A run stopped at any point leaves
/// the last finished run's watermarks, so the next run reads again what this one may have written: upserts make
/// that harmless. A watermark cannot see a deleted row; <see cref="SyncOptions.DetectDeletes"/> compares keys.
/// </summary>
public sealed class SyncRunner(IDatabase source, IDatabase target, SyncOptions options, IProgress<CopyEvent>? progress = null)
{
    public async Task<SyncReport> RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var state = new SyncState(target);
        await state.CreateAsync(ct).ConfigureAwait(false);
        var history = await state.ReadAsync(ct).ConfigureAwait(false);
        var shape = await source.ReadShapeAsync(ct).ConfigureAwait(false);
        var tables = Tables(shape);

        // Each mark is taken before its table is read: what commits after it is at or past it, or within the overlap.
        var marks = new List<SyncMark>();
        foreach (var (table, column) in tables)
        {
            var literal = (await source.QueryAsync(Watermarks.For(source.Target.Engine).MaxLiteral(table, column, source.Dialect), ct).ConfigureAwait(false))[0][0];
            marks.Add(new SyncMark(table.Name, column.Name, literal as string ?? "NULL", DateTime.UtcNow));
        }
        var windows = tables.ToDictionary(t => t.Table.Name, t => SyncWindow.Choose(t.Table.Name, t.Column.Name, history, options.Overlap), StringComparer.Ordinal);

        var there = await target.ReadShapeAsync(ct).ConfigureAwait(false);
        var existing = tables.Select(t => t.Table).Where(t => Find(there, t) is not null).ToList();
        var fresh = tables.Select(t => t.Table).Except(existing).ToList();

        var copies = new List<CopyReport>();
        if (fresh.Count > 0)
            copies.Add(await CopyAsync(Copy(fresh), null, null, ct).ConfigureAwait(false));
        if (existing.Count > 0)
            copies.Add(await CopyAsync(Copy(existing) with
            {
                DataOnly = true,
                Incremental = true,
                IfExists = IfExists.Append,
                OnConflict = OnConflict.Update,
                Filters = existing.Where(t => windows[t.Name].Filter is not null).ToDictionary(t => t.Name, t => windows[t.Name].Filter!, StringComparer.Ordinal),
                Types = CopyPlanner.ChoosesTypesFromValues(source.Target.Engine, target.Target.Engine) ? TypesOf(existing, there) : [],
            }, shape, there, ct).ConfigureAwait(false));

        var deleted = new Dictionary<string, long>(StringComparer.Ordinal);
        if (options.DetectDeletes)
            // Children first, so a parent's row goes after the rows that referenced it.
            foreach (var table in LoadOrder.Of(existing).Tables.Reverse())
                deleted[table.Name] = await DeletedRows.RemoveAsync(source, target, table, Find(there, table)!, ct).ConfigureAwait(false);

        var problems = copies.SelectMany(c => c.Problems).ToList();
        if (problems.Count == 0)
        {
            await state.RecordAsync(marks, ct).ConfigureAwait(false);
            foreach (var window in windows.Values)
                if (window.From is { } from) await state.ForgetBeforeAsync(from, ct).ConfigureAwait(false);
        }

        var written = copies.SelectMany(c => c.Tables).ToDictionary(t => t.Table, StringComparer.Ordinal);
        return new SyncReport
        {
            Tables = tables.Select((t, i) => Report(t.Table, windows[t.Table.Name], marks[i], written.GetValueOrDefault(t.Table.Name), deleted)).ToList(),
            Warnings = [.. copies.SelectMany(c => c.Warnings), .. windows.Values.Select(w => w.Note).OfType<string>().Distinct()],
            Problems = problems,
            Elapsed = clock.Elapsed,
            Copies = copies,
        };
    }

    private CopyOptions Copy(IReadOnlyList<Table> tables) => new()
    {
        Tables = tables.Select(t => t.Name).ToList(),
        Jobs = options.Jobs,
        BatchSize = options.BatchSize,
        Replayable = true,
        JournalPath = options.JournalPath ?? Path.ChangeExtension(CopyJournal.DefaultPath(source.Target.Redacted, target.Target.Redacted), ".sync.json"),
    };

    /// <summary>A copy, given for an incremental one the schemas this run has read already: each is read once per run.</summary>
    private async Task<CopyReport> CopyAsync(CopyOptions copy, DatabaseSchema? sourceShape, DatabaseSchema? targetShape, CancellationToken ct)
    {
        var plan = await CopyPlanner.PlanAsync(source, target.Target.Engine, copy, ct, sourceShape: sourceShape).ConfigureAwait(false);
        return await new CopyRunner(source, target, copy, progress).RunAsync(plan, ct, targetShape).ConfigureAwait(false);
    }

    /// <summary>The selected tables, each with its --by column; one without a key or without that column is refused by name.</summary>
    private List<(Table Table, Column Column)> Tables(DatabaseSchema schema)
    {
        var selected = new TableSelection(options.Tables, options.Exclude).Apply(schema.Tables);
        if (selected.Count == 0)
            throw new FerryException(FerryErrorKind.Usage, $"No table of {source.Target.Redacted} matches --tables {string.Join(",", options.Tables)}.");
        var result = new List<(Table, Column)>();
        foreach (var table in selected)
        {
            var name = ByColumn(table.Name);
            if (table.PrimaryKey is not { Columns.Count: > 0 })
                throw new FerryException(FerryErrorKind.Usage, $"{table.Name} has no primary key, and a sync writes each changed row over the target's row of the same key; exclude it or give it a key.");
            var column = table.FindColumn(name)
                ?? throw new FerryException(FerryErrorKind.Usage,
                    $"{table.Name} has no column {name}; --by names a column that grows with each change (updated_at) or each insert (an increasing key), as --by {name} or --by {table.Name}.COLUMN.");
            result.Add((table, column));
        }
        return result;
    }

    /// <summary><c>table.column</c> for this table if given, else the plain <c>column</c> given for all.</summary>
    private string ByColumn(string table)
    {
        var own = options.By.FirstOrDefault(b => b.StartsWith(table + ".", StringComparison.Ordinal));
        if (own is not null) return own[(table.Length + 1)..];
        return options.By.FirstOrDefault(b => !b.Contains('.', StringComparison.Ordinal))
            ?? throw new FerryException(FerryErrorKind.Usage, $"--by names no column for {table}; give --by COLUMN for every table, or --by {table}.COLUMN.");
    }

    private static Table? Find(DatabaseSchema schema, Table table) =>
        schema.Tables.FirstOrDefault(t => t.Name == table.Name && (t.Schema is null || table.Schema is null || t.Schema == table.Schema));

    /// <summary>The target's own column types, which the first copy chose from all the values; a window's few must not choose again.</summary>
    private static List<CastOverride> TypesOf(IReadOnlyList<Table> tables, DatabaseSchema there) =>
        tables.SelectMany(t => Find(there, t)!.Columns.Where(c => t.FindColumn(c.Name) is not null)
            .Select(c => new CastOverride(t.Name, c.Name, c.Type, c.Type == NeutralType.Decimal ? c.Precision : c.Length, c.Scale))).ToList();

    private static SyncTableReport Report(Table table, SyncWindow window, SyncMark mark, TableReport? copied, Dictionary<string, long> deleted) => new()
    {
        Table = table.Name,
        Window = window.Description,
        Read = copied?.Read ?? 0,
        Written = (copied?.Read ?? 0) - (copied?.Refused ?? 0),
        Deleted = deleted.TryGetValue(table.Name, out var d) ? d : null,
        Mark = mark.Literal,
    };
}

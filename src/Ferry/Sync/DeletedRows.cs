using Ferry.Copy;
using Ferry.Engines;
using Ferry.Errors;
using Ferry.Schema;
using Ferry.Values;
using Ferry.Verify;

namespace Ferry.Sync;

/// <summary>
/// A watermark cannot see a row that is gone. This compares the primary keys of both sides, with verify's key-range
/// checksums where the key splits (<see cref="Bisection"/>) and a whole merge in key order otherwise, and deletes
/// from the target, in batches, each key the source no longer holds. Only keys are read, and of them only the
/// ranges that differ where the key splits. In the whole merge, keys are compared where both sides hold them as
/// integers or as texts; a table whose key the two engines hold otherwise is refused by name rather than guessed at.
/// </summary>
internal static class DeletedRows
{
    private const int Batch = 500;

    public static async Task<long> RemoveAsync(IDatabase source, IDatabase target, Table sourceTable, Table targetTable, CancellationToken ct)
    {
        var key = sourceTable.PrimaryKey!.Columns;
        if (key.FirstOrDefault(k => targetTable.FindColumn(k) is null) is { } lost)
            throw new FerryException(FerryErrorKind.Failed, $"{targetTable.Name} in the target has no column {lost} of the source's key; its deleted rows cannot be found.");
        var pair = TablePair.KeysOf(sourceTable, targetTable, target.Target.Engine);
        var gone = KeyRanges.Supports(pair)
            ? await BisectedAsync(source, target, pair, ct).ConfigureAwait(false)
            : await MergedAsync(source, target, pair, ct).ConfigureAwait(false);
        var ddl = DdlWriters.For(target.Target.Engine);
        var choices = pair.Target.Columns.Select(Copy.TypeChooser.Declared).ToArray();
        long deleted = 0;
        // Only once the target's keys are read: a server connection runs one command at a time.
        foreach (var batch in gone.Chunk(Batch)) deleted += await DeleteAsync(target, pair.Target, ddl, choices, batch, ct).ConfigureAwait(false);
        return deleted;
    }

    /// <summary>
    /// Verify's key-range checksums over the keys alone: only the ranges whose keys differ are read, and where an
    /// engine sums them in SQL only hashes travel.
    /// </summary>
    private static async Task<List<object?[]>> BisectedAsync(IDatabase source, IDatabase target, TablePair pair, CancellationToken ct)
    {
        var gone = new List<object?[]>();
        var (left, right) = (new RangeSide(source, pair, fromSource: true), new RangeSide(target, pair, fromSource: false));
        RangeSide.Agree(left, right);
        var merge = new KeyMerge(pair, left, right, maxDiffs: 0, extra: row => gone.Add([.. row.Select(Plain)]));
        var (_, _, note) = await new Bisection(pair, left, right, merge).RunAsync(ct).ConfigureAwait(false);
        return note is null ? gone : throw new FerryException(FerryErrorKind.Failed, $"Deleted rows of {pair.Name} cannot be found: {note}.");
    }

    /// <summary>Both sides' keys in the same order (<see cref="KeyOrder"/>, texts by their bytes), merged whole.</summary>
    private static async Task<List<object?[]>> MergedAsync(IDatabase source, IDatabase target, TablePair pair, CancellationToken ct)
    {
        var types = pair.Source.Columns.Select(c => KeyOrder.IsText(c) ? NeutralType.Text : NeutralType.Int64).ToArray();
        var read = new RowReadOptions { OrderedByKey = true };
        var gone = new List<object?[]>();
        await using var theirs = source.ReadRowsAsync(pair.Source, read, ct).GetAsyncEnumerator(ct);
        var more = await theirs.MoveNextAsync().ConfigureAwait(false);
        await foreach (var ours in target.ReadRowsAsync(pair.Target, read, ct).WithCancellation(ct).ConfigureAwait(false))
        {
            var order = 1;
            while (more && (order = Compare(theirs.Current, ours, types, pair.Name)) < 0)
                more = await theirs.MoveNextAsync().ConfigureAwait(false);
            if (!more || order > 0) gone.Add([.. ours.Select(Plain)]);
        }
        return gone;
    }

    private static int Compare(object?[] a, object?[] b, NeutralType[] types, string table)
    {
        for (var i = 0; i < types.Length; i++)
        {
            var (x, y) = (Plain(a[i]), Plain(b[i]));
            if (x is not null && y is not null && (x is string) != (y is string))
                throw new FerryException(FerryErrorKind.Failed, $"The key of {table} is held as {x.GetType().Name} in the source and {y.GetType().Name} in the target, so --detect-deletes cannot compare it.");
            var c = CanonicalOrder.Compare(x, y, types[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    private static object? Plain(object? value) => value switch
    {
        Utf8Text t => t.ToString(),
        int or short => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        _ => value,
    };

    private static async Task<long> DeleteAsync(IDatabase target, Table table, IDdlWriter ddl, TypeChoice[] choices, object?[][] keys, CancellationToken ct)
    {
        var d = target.Dialect;
        var rows = keys.Select(k => "(" + string.Join(" AND ", table.Columns.Select((c, i) => $"{d.Quote(c.Name)} = {ddl.Literal(k[i], choices[i])}")) + ")");
        await target.ExecuteAsync($"DELETE FROM {d.Name(table.Schema, table.Name)} WHERE {string.Join(" OR ", rows)}", ct).ConfigureAwait(false);
        return keys.Length;
    }
}

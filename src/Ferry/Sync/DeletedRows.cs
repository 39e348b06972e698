using Ferry.Copy;
using Ferry.Engines;
using Ferry.Errors;
using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Sync;

/// <summary>
/// A watermark cannot see a row that is gone. This reads the primary keys of both sides in the same order
/// (<see cref="KeyOrder"/>, texts by their bytes), merges them, and deletes from the target each key the source no
/// longer holds, in batches; only keys travel. Keys are compared where both sides hold them as integers or as
/// texts; a table whose key the two engines hold otherwise is refused by name rather than guessed at.
/// </summary>
internal static class DeletedRows
{
    private const int Batch = 500;

    public static async Task<long> RemoveAsync(IDatabase source, IDatabase target, Table sourceTable, Table targetTable, CancellationToken ct)
    {
        var key = sourceTable.PrimaryKey!.Columns;
        var sourceKeys = sourceTable with { Columns = key.Select(k => sourceTable.FindColumn(k)!).ToList(), Filter = null };
        var targetKeys = targetTable with { Columns = key.Select(k => targetTable.FindColumn(k)
            ?? throw new FerryException(FerryErrorKind.Failed, $"{targetTable.Name} in the target has no column {k} of the source's key; its deleted rows cannot be found.")).ToList() };
        var types = sourceKeys.Columns.Select(c => KeyOrder.IsText(c) ? NeutralType.Text : NeutralType.Int64).ToArray();
        var ddl = DdlWriters.For(target.Target.Engine);
        var choices = targetKeys.Columns.Select(Copy.TypeChooser.Declared).ToArray();
        var read = new RowReadOptions { OrderedByKey = true };

        var gone = new List<object?[]>();
        await using var theirs = source.ReadRowsAsync(sourceKeys, read, ct).GetAsyncEnumerator(ct);
        var more = await theirs.MoveNextAsync().ConfigureAwait(false);
        await foreach (var ours in target.ReadRowsAsync(targetKeys, read, ct).WithCancellation(ct).ConfigureAwait(false))
        {
            var order = 1;
            while (more && (order = Compare(theirs.Current, ours, types, sourceTable.Name)) < 0)
                more = await theirs.MoveNextAsync().ConfigureAwait(false);
            if (!more || order > 0) gone.Add(ours);
        }
        // Only once the target's keys are read: a server connection runs one command at a time.
        long deleted = 0;
        foreach (var batch in gone.Chunk(Batch)) deleted += await DeleteAsync(target, targetKeys, ddl, choices, batch, ct).ConfigureAwait(false);
        return deleted;
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

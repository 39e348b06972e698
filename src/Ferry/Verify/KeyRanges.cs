using System.Globalization;
using Ferry.Engines;
using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Verify;

/// <summary>
/// Where a key range is split for bisection, in the key order verify already merges by: a key whose first column
/// is an integer by that column's span, arithmetically (its smallest and largest value on either side asked once);
/// any other key, or a range of one first value, at every n-th key the side holding more rows in the range numbers
/// in SQL. A boundary is a key (or its first value) of integers, texts and uuids, which every engine compares alike
/// (texts by their bytes, uuids as their lowercase text where each side's SQL does so), and on a same-engine pair of
/// decimals, dates and timestamps too where its SQL orders them by value as Ferry does; a key of any other kind is
/// not split, its table is merged whole.
/// </summary>
internal sealed class KeyRanges(TablePair pair, RangeSide source, RangeSide target, int segments)
{
    private enum Kind { Integer, Text, Uuid, Decimal, Date, Timestamp }

    private (long Min, long Max)? _span;
    private bool _spanRead;
    private bool? _keysAlike;

    /// <summary>
    /// True for a key each column of which both sides hold as integers, as texts, or as uuids (on a same-engine pair,
    /// declared alike, as decimals, dates or timestamps too); and for one whose first column is an integer, split on
    /// that column alone whatever the others hold.
    /// </summary>
    public static bool Supports(TablePair pair) => pair.Key.Length > 0 && (KindOf(pair, pair.Key[0]) == Kind.Integer || Scannable(pair));

    /// <summary>Every key column of a kind both sides compare alike: the key can be split at keys read from one side.</summary>
    private static bool Scannable(TablePair pair) => pair.Key.All(c => KindOf(pair, c) is not null);

    /// <summary>A key whose first column is an integer, split by arithmetic rather than by reading keys.</summary>
    public bool Integer => KindOf(pair, pair.Key[0]) == Kind.Integer;

    private static Kind? KindOf(TablePair pair, int c)
    {
        var (a, b) = (pair.Source.Columns[c].Type, pair.Target.Columns[c].Type);
        bool IsInteger(NeutralType t) => t is NeutralType.Int16 or NeutralType.Int32 or NeutralType.Int64;
        if (IsInteger(a) && IsInteger(b) && (pair.Verbatim || IsInteger(pair.Types[c]))) return Kind.Integer;
        if (a == NeutralType.Text && b == NeutralType.Text && (pair.Verbatim || pair.Types[c] == NeutralType.Text)) return Kind.Text;
        // A uuid orders by its bytes, which is its lowercase text's order: PostgreSQL's uuid and SQLite's text of it
        // compare alike when that text is written so (checked before splitting).
        if (!pair.Verbatim && pair.Types[c] == NeutralType.Uuid) return Kind.Uuid;
        // A same-engine pair compares its values as its reader gives them (a Guid, a decimal, a DateOnly, a DateTime:
        // by their bytes or value); where both sides declare the column alike, the engine's SQL orders it so too,
        // if every key is read so: checked before splitting (IRangeHash.KeyCheck), on each side.
        if (pair.Verbatim && a == b && string.Equals(pair.Source.Columns[c].DeclaredType, pair.Target.Columns[c].DeclaredType, StringComparison.OrdinalIgnoreCase))
        {
            Kind? kind = a switch
            {
                NeutralType.Uuid => Kind.Uuid,
                NeutralType.Decimal => Kind.Decimal,
                NeutralType.Date => Kind.Date,
                NeutralType.Timestamp or NeutralType.TimestampTz => Kind.Timestamp,
                _ => null,
            };
            if (kind is not null) return kind;
        }
        // Anything else may order one way in one side's SQL and another in CanonicalOrder: a date or timestamp is a
        // text in SQLite (whose forms sort apart: '2024-01-01 10:00' before '2024-01-01T09:00'), a decimal or real
        // a number there whatever its declared type, a blob sorts after every text in SQLite only. No boundary holds
        // such a value; after an integer first column, a key is still split on that column alone.
        return null;
    }

    /// <summary>Boundaries strictly inside <paramref name="range"/>, at most <c>segments - 1</c>; none when it cannot be split.</summary>
    /// <param name="rows">How many rows the range holds on the larger side, as its checksums counted.</param>
    /// <param name="sourceRows">How many of them the source holds: the side a scanned key's boundaries are read from, unless it holds none.</param>
    public async Task<IReadOnlyList<object[]>> SplitAsync(KeyRange range, long rows, long sourceRows, CancellationToken ct)
    {
        var boundaries = Integer ? await SplitIntegersAsync(range, ct).ConfigureAwait(false) : [];
        // A range of one first value (a tenant's rows under a (tenant, id) key) is split by its keys' next columns,
        // once its checksums have counted its rows.
        if (boundaries.Count > 0 || (Integer && pair.Key.Length == 1) || rows == 0 || !Scannable(pair) || !await KeysAlikeAsync(ct).ConfigureAwait(false)) return boundaries;
        return await SplitScannedAsync(range, rows, sourceRows, ct).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<object[]>> SplitIntegersAsync(KeyRange range, CancellationToken ct)
    {
        if (!_spanRead)
        {
            var spans = await Task.WhenAll(source.KeySpanAsync(ct), target.KeySpanAsync(ct)).ConfigureAwait(false);
            var ends = spans.SelectMany(s => new[] { s.Min, s.Max }).Where(v => v is not null).Select(v => Convert.ToInt64(v, CultureInfo.InvariantCulture)).ToList();
            _span = ends.Count == 0 ? null : (ends.Min(), ends.Max());
            _spanRead = true;
        }
        if (_span is not { } span) return [];
        // Boundaries of the first column only, strictly between the range's own first values.
        Int128 lo = range.From is [var from, ..] ? Convert.ToInt64(from, CultureInfo.InvariantCulture) : span.Min;
        Int128 hi = range.Until is [var until, ..] ? Convert.ToInt64(until, CultureInfo.InvariantCulture) : (Int128)span.Max + 1;
        var width = hi - lo;
        var count = (int)Int128.Min(segments, width);
        var boundaries = new List<object[]>();
        for (var i = 1; i < count; i++)
        {
            var at = lo + width * i / count;
            if (at > lo && at < hi && (boundaries.Count == 0 || (long)boundaries[^1][0] < at)) boundaries.Add([(long)at]);
        }
        return boundaries;
    }

    private async Task<IReadOnlyList<object[]>> SplitScannedAsync(KeyRange range, long rows, long sourceRows, CancellationToken ct)
    {
        var side = sourceRows > 0 ? source : target;
        var boundaries = new List<object[]>();
        var previous = range.From;
        foreach (var key in await side.KeysEveryAsync(range, Math.Max(1, rows / segments), segments - 1, ct).ConfigureAwait(false))
        {
            // Past the range's start and the boundary before it, as every engine compares them.
            if (Boundary(key) is not { } boundary || (previous is not null && pair.CompareKeyValues(previous, boundary) >= 0)) continue;
            boundaries.Add(boundary);
            previous = boundary;
        }
        return boundaries;
    }

    /// <summary>
    /// A key read from one side as the values both sides' SQL can be given (<see cref="KeyOrder.Literal"/>), or null
    /// where one cannot be: a NULL, which bounds nothing; a text holding a NUL, which no SQL literal can (SQLite's
    /// own key may); a value that is not what its column's kind says. A uuid goes through the value layer, as it
    /// is compared: PostgreSQL's reader gives a Guid, SQLite's a text. A decimal, a date or a timestamp is the value
    /// a same-engine pair's rows hold, as its key query reads it.
    /// </summary>
    private object[]? Boundary(object?[] key)
    {
        var values = new object[key.Length];
        for (var k = 0; k < key.Length; k++)
        {
            object? value = (KindOf(pair, pair.Key[k]), key[k]) switch
            {
                (Kind.Integer, long or int or short) => Convert.ToInt64(key[k], CultureInfo.InvariantCulture),
                (Kind.Text, string s) when !s.Contains('\0', StringComparison.Ordinal) => s,
                (Kind.Text, Utf8Text t) when t.ToString() is var s && !s.Contains('\0', StringComparison.Ordinal) => s,
                (Kind.Uuid, string or Guid or byte[]) => Uuid(key[k]!),
                (Kind.Decimal, decimal) or (Kind.Date, DateOnly) or (Kind.Timestamp, DateTime) => key[k],
                _ => null,
            };
            if (value is null) return null;
            values[k] = value;
        }
        return values;
    }

    private static Guid? Uuid(object value)
    {
        try
        {
            return ValueConverters.ToUuid(value);
        }
        catch (ValueRefusedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether each side's SQL compares every key value of a uuid, decimal or time column with a boundary's literal
    /// as Ferry orders them, asked once: if not, the table is merged whole.
    /// </summary>
    private async Task<bool> KeysAlikeAsync(CancellationToken ct)
    {
        var checkedKeys = pair.Key.Where(c => KindOf(pair, c) is not (Kind.Integer or Kind.Text)).ToList();
        if (checkedKeys.Count == 0) return true;
        _keysAlike ??= (await Task.WhenAll(source.ComparesKeysAsync(checkedKeys, ct), target.ComparesKeysAsync(checkedKeys, ct)).ConfigureAwait(false)).All(alike => alike);
        return _keysAlike.Value;
    }
}

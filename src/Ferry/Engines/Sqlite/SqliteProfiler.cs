using Ferry.Copy;
using Ferry.Schema;

namespace Ferry.Engines.Sqlite;

/// <summary>
/// Profiles every column of a SQLite-family table: storage classes, integer range, and — only where the
/// declared type makes them matter — text length, epoch numbers, ISO text with and without zones, JSON
/// and booleans as text. One quick scan settles columns of one storage class; a second scan counts the
/// classes of the few that mix them. The copy reads the table again afterwards, so each measure is paid
/// only where the chooser looks at it.
/// Runs as plain SQL, so libSQL shares it; every measure is a sum, min or max, so a large table can be
/// scanned in rowid ranges at once (<see cref="ProfileScans"/>) and the parts folded into one profile.
/// </summary>
internal static class SqliteProfiler
{
    private delegate void Store(ref Measures m, long? value);

    private struct Measures
    {
        public long Nulls, Integers, Reals, Texts, Blobs, Infinities, JsonTexts, IsoTexts, IsoTextsWithZone, DateTexts, BooleanTexts, ZeroOrOne, DecimalMisfits;
        public long? MinInteger, MaxInteger, MaxTextLength;
        // The quick pass: values that are not NULL, and the storage classes of the smallest and largest.
        public long? Counted, LowestClass, HighestClass;
    }

    /// <summary>Storage classes in SQLite's sort order (integers and reals sort together, before text, then blobs).</summary>
    private const long IntegerClass = 1, RealClass = 2, TextClass = 3, BlobClass = 4;

    private static string ClassOf(string value) =>
        $"CASE typeof({value}) WHEN 'integer' THEN {IntegerClass} WHEN 'real' THEN {RealClass} WHEN 'text' THEN {TextClass} WHEN 'blob' THEN {BlobClass} END";

    /// <summary>One table on one connection.</summary>
    public static async Task<IReadOnlyList<ColumnProfile>> ProfileAsync(IDatabase database, Table table, CancellationToken ct) =>
        (await ProfileAsync(database, [table], openMore: null, ct).ConfigureAwait(false))[0];

    /// <summary>
    /// Profiles <paramref name="tables"/> in two passes. The quick one counts a column's integers and
    /// looks at the storage class of its smallest and largest value: that settles every column holding
    /// one class, which is nearly all, for a third of the cost of counting each class. Only columns that
    /// mix classes get the census, in a second pass over their tables.
    /// </summary>
    public static async Task<IReadOnlyList<IReadOnlyList<ColumnProfile>>> ProfileAsync(IDatabase database, IReadOnlyList<Table> tables,
        Func<CancellationToken, Task<IDatabase>>? openMore, CancellationToken ct, long splitRows = ProfileScans.SplitRows)
    {
        var quick = await ProfileScans.RunAsync(database, tables.Select(t => For(t, database.Dialect)).ToList(), openMore, ct, splitRows).ConfigureAwait(false);
        var mixed = tables.Select((table, i) => (Index: i, Query: For(table, database.Dialect,
                census: table.Columns.Where((_, k) => quick[i][k] is null).Select(c => c.Name).ToHashSet(StringComparer.Ordinal))))
            .Where(m => m.Query.Measures).ToList();
        var census = mixed.Count == 0 ? [] : await ProfileScans.RunAsync(database, mixed.Select(m => m.Query).ToList(), openMore, ct, splitRows).ConfigureAwait(false);
        var profiles = quick.Select(p => p.ToArray()).ToList();
        for (var m = 0; m < mixed.Count; m++)
        {
            var settled = profiles[mixed[m].Index];
            for (var k = 0; k < settled.Length; k++) settled[k] ??= census[m][k];
        }
        return profiles.Select(p => (IReadOnlyList<ColumnProfile>)p.Select(c => c!).ToList()).ToList();
    }

    /// <summary>
    /// What to measure in <paramref name="table"/>: aggregates that fold across partial scans. Without
    /// <paramref name="census"/>, the quick pass over every column, whose profile is null where a column
    /// mixes storage classes; with it, the count of each class, for those columns only.
    /// </summary>
    public static ProfileQuery For(Table table, ISqlDialect dialect, IReadOnlySet<string>? census = null)
    {
        var select = new List<ProfileQuery.Aggregate> { new("count(*)", ProfileQuery.Fold.Sum) };
        var stores = new List<(int Column, Store Store)>();
        var measured = new bool[table.Columns.Count];
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            if (census is not null && !census.Contains(column.Name)) continue;
            var c = dialect.Quote(column.Name);
            var at = i;
            void Measure(string sql, Store store, ProfileQuery.Fold fold = ProfileQuery.Fold.Sum)
            {
                select.Add(new(sql, fold));
                stores.Add((at, store));
            }
            string Text(string condition) => $"sum(typeof({c}) = 'text' AND {condition})";

            // Text without a length and blobs become text and bytes whatever they hold, and the rowid is
            // always an integer: their values are checked one by one as they are copied, not counted here.
            measured[i] = !(column.Identity is Identity.RowId or Identity.AutoIncrement
                            || column.Type == NeutralType.Blob || column.Type == NeutralType.Text && column.Length is null);
            // NULLs are counted in every measured column, and in key columns, whose NULLs decide whether the key
            // survives (SQLite lets non-integer keys hold them). The quick pass has them from count().
            if (census is not null || !measured[i] && table.PrimaryKey?.Columns.Contains(column.Name) == true)
                Measure($"sum({c} IS NULL)", (ref Measures m, long? v) => m.Nulls = v ?? 0);
            if (!measured[i]) continue;
            if (census is null)
            {
                Measure($"count({c})", (ref Measures m, long? v) => m.Counted = v ?? 0);
                Measure($"sum(typeof({c}) = 'integer')", (ref Measures m, long? v) => m.Integers = v ?? 0);
                // Computed once per scanned part, on its smallest and largest value.
                Measure($"CASE WHEN typeof(min({c})) = 'integer' THEN min({c}) END", (ref Measures m, long? v) => m.MinInteger = v, ProfileQuery.Fold.Min);
                Measure($"CASE WHEN typeof(max({c})) = 'integer' THEN max({c}) END", (ref Measures m, long? v) => m.MaxInteger = v, ProfileQuery.Fold.Max);
                Measure(ClassOf($"min({c})"), (ref Measures m, long? v) => m.LowestClass = v, ProfileQuery.Fold.Min);
                Measure(ClassOf($"max({c})"), (ref Measures m, long? v) => m.HighestClass = v, ProfileQuery.Fold.Max);
            }
            else
            {
                Measure($"sum(typeof({c}) = 'integer')", (ref Measures m, long? v) => m.Integers = v ?? 0);
                Measure($"sum(typeof({c}) = 'real')", (ref Measures m, long? v) => m.Reals = v ?? 0);
                Measure($"sum(typeof({c}) = 'text')", (ref Measures m, long? v) => m.Texts = v ?? 0);
                Measure($"sum(typeof({c}) = 'blob')", (ref Measures m, long? v) => m.Blobs = v ?? 0);
                Measure($"min(CASE WHEN typeof({c}) = 'integer' THEN {c} END)", (ref Measures m, long? v) => m.MinInteger = v, ProfileQuery.Fold.Min);
                Measure($"max(CASE WHEN typeof({c}) = 'integer' THEN {c} END)", (ref Measures m, long? v) => m.MaxInteger = v, ProfileQuery.Fold.Max);
            }

            switch (column.Type)
            {
                case NeutralType.Float32 or NeutralType.Float64:
                    Measure($"sum(typeof({c}) = 'real' AND {c} IN (9e999, -9e999))", (ref Measures m, long? v) => m.Infinities = v ?? 0); // 9e999 is SQLite's infinity
                    break;
                case NeutralType.Text when column.Length is not null:
                    Measure($"max(CASE WHEN typeof({c}) = 'text' THEN length({c}) END)", (ref Measures m, long? v) => m.MaxTextLength = v, ProfileQuery.Fold.Max);
                    break;
                case NeutralType.Json:
                    // The cheap first-character test runs first, so json_valid only parses what could be an object or array.
                    Measure(Text($"substr(ltrim({c}), 1, 1) IN ('{{', '[') AND json_valid({c})"), (ref Measures m, long? v) => m.JsonTexts = v ?? 0);
                    break;
                case NeutralType.Timestamp or NeutralType.TimestampTz or NeutralType.Date:
                    const string dateTime = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][ T][0-9][0-9]:[0-9][0-9]*";
                    Measure(Text($"{c} GLOB '{dateTime}'"), (ref Measures m, long? v) => m.IsoTexts = v ?? 0);
                    Measure(Text($"{c} GLOB '{dateTime}' AND ({c} GLOB '*[+-][0-9][0-9]:[0-9][0-9]' OR {c} GLOB '*[+-][0-9][0-9][0-9][0-9]' OR {c} GLOB '*[Zz]')"), (ref Measures m, long? v) => m.IsoTextsWithZone = v ?? 0);
                    Measure(Text($"{c} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"), (ref Measures m, long? v) => m.DateTexts = v ?? 0);
                    break;
                case NeutralType.Boolean:
                    Measure(Text($"length({c}) <= 5 AND lower({c}) IN ('true', 'false')"), (ref Measures m, long? v) => m.BooleanTexts = v ?? 0);
                    Measure($"sum(typeof({c}) = 'integer' AND {c} IN (0, 1))", (ref Measures m, long? v) => m.ZeroOrOne = v ?? 0);
                    break;
                case NeutralType.Decimal when column.Precision is { } p:
                    // DECIMAL(p,s) that SQLite never enforced: count the numbers that would not fit it.
                    var s = column.Scale ?? 0;
                    Measure($"sum(typeof({c}) IN ('integer', 'real') AND (abs({c}) >= 1e{p - s} OR round({c}, {s}) <> {c}))", (ref Measures m, long? v) => m.DecimalMisfits = v ?? 0);
                    break;
            }
        }

        var included = table.Columns.Select(c => census is null || census.Contains(c.Name)).ToArray();
        return new ProfileQuery(table, select, folded => Profiles(table, included, measured, stores, folded));
    }

    /// <summary>
    /// The profile of every column from the folded aggregates, in the order <see cref="For"/> asked for
    /// them; null for a column left out of a census, or that the quick pass found mixed.
    /// </summary>
    private static IReadOnlyList<ColumnProfile?> Profiles(Table table, bool[] included, bool[] measured, List<(int Column, Store Store)> stores, IReadOnlyList<long?> row)
    {
        var measures = new Measures[table.Columns.Count];
        for (var k = 0; k < stores.Count; k++) stores[k].Store(ref measures[stores[k].Column], row[k + 1]);
        var rows = row[0] ?? 0;
        return table.Columns.Select((column, i) =>
        {
            var m = measures[i];
            if (!included[i] || m.Counted is { } counted && !Settle(ref m, rows, counted)) return null;
            return new ColumnProfile
            {
                Column = column.Name,
                Measured = measured[i],
                Rows = rows,
                Nulls = m.Nulls, Integers = m.Integers, Reals = m.Reals, Texts = m.Texts, Blobs = m.Blobs,
                MinInteger = m.MinInteger, MaxInteger = m.MaxInteger, MaxTextLength = m.MaxTextLength,
                Infinities = m.Infinities, JsonTexts = m.JsonTexts, IsoTexts = m.IsoTexts, IsoTextsWithZone = m.IsoTextsWithZone, DateTexts = m.DateTexts,
                BooleanTexts = m.BooleanTexts, ZeroOrOneIntegers = m.ZeroOrOne, DecimalMisfits = m.DecimalMisfits,
            };
        }).ToList();
    }

    /// <summary>
    /// The class counts of a column the quick pass measured, when its values hold one storage class:
    /// all integers, or none and nothing above the reals, or a smallest and largest value of the same
    /// class above the numbers (SQLite sorts numbers, then text, then blobs). False when they mix.
    /// </summary>
    private static bool Settle(ref Measures m, long rows, long counted)
    {
        m.Nulls = rows - counted;
        if (m.Integers == counted) return true;
        m.MinInteger = m.MaxInteger = null;
        if (m.Integers > 0) return false;
        if (m.HighestClass <= RealClass) m.Reals = counted;
        else if (m.LowestClass == TextClass && m.HighestClass == TextClass) m.Texts = counted;
        else if (m.LowestClass == BlobClass) m.Blobs = counted;
        else return false;
        return true;
    }
}

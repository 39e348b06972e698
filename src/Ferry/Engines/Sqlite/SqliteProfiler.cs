using Ferry.Copy;
using Ferry.Schema;

namespace Ferry.Engines.Sqlite;

/// <summary>
/// Profiles every column of a SQLite-family table in one scan: storage classes per <c>typeof()</c>,
/// integer range, and — only where the declared type makes them matter — text length, epoch numbers,
/// ISO text with and without zones, JSON and booleans as text. The scan reads the whole table once
/// before the copy reads it again, so each measure is paid only where the chooser looks at it.
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
    }

    /// <summary>One table on one connection, in one scan.</summary>
    public static async Task<IReadOnlyList<ColumnProfile>> ProfileAsync(IDatabase database, Table table, CancellationToken ct) =>
        (await ProfileScans.RunAsync(database, [For(table, database.Dialect)], openMore: null, ct).ConfigureAwait(false))[0];

    /// <summary>What to measure in <paramref name="table"/>: aggregates that fold across partial scans.</summary>
    public static ProfileQuery For(Table table, ISqlDialect dialect)
    {
        var select = new List<ProfileQuery.Aggregate> { new("count(*)", ProfileQuery.Fold.Sum) };
        var stores = new List<(int Column, Store Store)>();
        var measured = new bool[table.Columns.Count];
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            var c = dialect.Quote(column.Name);
            var at = i;
            void Measure(string sql, Store store, ProfileQuery.Fold fold = ProfileQuery.Fold.Sum)
            {
                select.Add(new(sql, fold));
                stores.Add((at, store));
            }
            string Text(string condition) => $"sum(typeof({c}) = 'text' AND {condition})";

            // A key column's NULLs decide whether the key survives (SQLite lets non-integer keys hold them).
            if (table.PrimaryKey?.Columns.Contains(column.Name) == true)
                Measure($"sum({c} IS NULL)", (ref Measures m, long? v) => m.Nulls = v ?? 0);
            // Text without a length and blobs become text and bytes whatever they hold, and the rowid is
            // always an integer: their values are checked one by one as they are copied, not counted here.
            measured[i] = !(column.Identity is Identity.RowId or Identity.AutoIncrement
                            || column.Type == NeutralType.Blob || column.Type == NeutralType.Text && column.Length is null);
            if (!measured[i]) continue;
            if (table.PrimaryKey?.Columns.Contains(column.Name) != true)
                Measure($"sum({c} IS NULL)", (ref Measures m, long? v) => m.Nulls = v ?? 0);
            Measure($"sum(typeof({c}) = 'integer')", (ref Measures m, long? v) => m.Integers = v ?? 0);
            Measure($"sum(typeof({c}) = 'real')", (ref Measures m, long? v) => m.Reals = v ?? 0);
            Measure($"sum(typeof({c}) = 'text')", (ref Measures m, long? v) => m.Texts = v ?? 0);
            Measure($"sum(typeof({c}) = 'blob')", (ref Measures m, long? v) => m.Blobs = v ?? 0);
            Measure($"min(CASE WHEN typeof({c}) = 'integer' THEN {c} END)", (ref Measures m, long? v) => m.MinInteger = v, ProfileQuery.Fold.Min);
            Measure($"max(CASE WHEN typeof({c}) = 'integer' THEN {c} END)", (ref Measures m, long? v) => m.MaxInteger = v, ProfileQuery.Fold.Max);

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

        return new ProfileQuery(table, select, folded => Profiles(table, measured, stores, folded));
    }

    /// <summary>The profile of every column from the folded aggregates, in the order <see cref="For"/> asked for them.</summary>
    private static IReadOnlyList<ColumnProfile> Profiles(Table table, bool[] measured, List<(int Column, Store Store)> stores, IReadOnlyList<long?> row)
    {
        var measures = new Measures[table.Columns.Count];
        for (var k = 0; k < stores.Count; k++) stores[k].Store(ref measures[stores[k].Column], row[k + 1]);
        var rows = row[0] ?? 0;
        return table.Columns.Select((column, i) =>
        {
            var m = measures[i];
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

}

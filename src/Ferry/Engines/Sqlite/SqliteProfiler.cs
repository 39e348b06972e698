using System.Globalization;
using System.Text;
using Ferry.Copy;
using Ferry.Schema;

namespace Ferry.Engines.Sqlite;

/// <summary>
/// Profiles every column of a SQLite-family table in one scan: storage classes per <c>typeof()</c>,
/// integer range, and — only where the declared type makes them matter — text length, epoch numbers,
/// ISO text with and without zones, JSON and booleans as text. The scan reads the whole table once
/// before the copy reads it again, so each measure is paid only where the chooser looks at it.
/// Runs as plain SQL, so libSQL shares it.
/// </summary>
internal static class SqliteProfiler
{
    private delegate void Store(ref Measures m, object? value);

    private struct Measures
    {
        public long Nulls, Integers, Reals, Texts, Blobs, Infinities, JsonTexts, IsoTexts, IsoTextsWithZone, DateTexts, BooleanTexts, ZeroOrOne, DecimalMisfits;
        public long? MinInteger, MaxInteger, MaxTextLength;
    }

    public static async Task<IReadOnlyList<ColumnProfile>> ProfileAsync(IDatabase database, Table table, CancellationToken ct)
    {
        var select = new List<string> { "count(*)" };
        var stores = new List<(int Column, Store Store)>();
        var measured = new bool[table.Columns.Count];
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            var c = database.Dialect.Quote(column.Name);
            var at = i;
            void Measure(string sql, Store store) { select.Add(sql); stores.Add((at, store)); }
            string Text(string condition) => $"sum(typeof({c}) = 'text' AND {condition})";

            // A key column's NULLs decide whether the key survives (SQLite lets non-integer keys hold them).
            if (table.PrimaryKey?.Columns.Contains(column.Name) == true)
                Measure($"sum({c} IS NULL)", (ref Measures m, object? v) => m.Nulls = Long(v) ?? 0);
            // Text without a length and blobs become text and bytes whatever they hold, and the rowid is
            // always an integer: their values are checked one by one as they are copied, not counted here.
            measured[i] = !(column.Identity is Identity.RowId or Identity.AutoIncrement
                            || column.Type == NeutralType.Blob || column.Type == NeutralType.Text && column.Length is null);
            if (!measured[i]) continue;
            if (table.PrimaryKey?.Columns.Contains(column.Name) != true)
                Measure($"sum({c} IS NULL)", (ref Measures m, object? v) => m.Nulls = Long(v) ?? 0);
            Measure($"sum(typeof({c}) = 'integer')", (ref Measures m, object? v) => m.Integers = Long(v) ?? 0);
            Measure($"sum(typeof({c}) = 'real')", (ref Measures m, object? v) => m.Reals = Long(v) ?? 0);
            Measure($"sum(typeof({c}) = 'text')", (ref Measures m, object? v) => m.Texts = Long(v) ?? 0);
            Measure($"sum(typeof({c}) = 'blob')", (ref Measures m, object? v) => m.Blobs = Long(v) ?? 0);
            Measure($"min(CASE WHEN typeof({c}) = 'integer' THEN {c} END)", (ref Measures m, object? v) => m.MinInteger = Long(v));
            Measure($"max(CASE WHEN typeof({c}) = 'integer' THEN {c} END)", (ref Measures m, object? v) => m.MaxInteger = Long(v));

            switch (column.Type)
            {
                case NeutralType.Float32 or NeutralType.Float64:
                    Measure($"sum(typeof({c}) = 'real' AND {c} IN (9e999, -9e999))", (ref Measures m, object? v) => m.Infinities = Long(v) ?? 0); // 9e999 is SQLite's infinity
                    break;
                case NeutralType.Text when column.Length is not null:
                    Measure($"max(CASE WHEN typeof({c}) = 'text' THEN length({c}) END)", (ref Measures m, object? v) => m.MaxTextLength = Long(v));
                    break;
                case NeutralType.Json:
                    // The cheap first-character test runs first, so json_valid only parses what could be an object or array.
                    Measure(Text($"substr(ltrim({c}), 1, 1) IN ('{{', '[') AND json_valid({c})"), (ref Measures m, object? v) => m.JsonTexts = Long(v) ?? 0);
                    break;
                case NeutralType.Timestamp or NeutralType.TimestampTz or NeutralType.Date:
                    const string dateTime = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][ T][0-9][0-9]:[0-9][0-9]*";
                    Measure(Text($"{c} GLOB '{dateTime}'"), (ref Measures m, object? v) => m.IsoTexts = Long(v) ?? 0);
                    Measure(Text($"{c} GLOB '{dateTime}' AND ({c} GLOB '*[+-][0-9][0-9]:[0-9][0-9]' OR {c} GLOB '*[+-][0-9][0-9][0-9][0-9]' OR {c} GLOB '*[Zz]')"), (ref Measures m, object? v) => m.IsoTextsWithZone = Long(v) ?? 0);
                    Measure(Text($"{c} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"), (ref Measures m, object? v) => m.DateTexts = Long(v) ?? 0);
                    break;
                case NeutralType.Boolean:
                    Measure(Text($"length({c}) <= 5 AND lower({c}) IN ('true', 'false')"), (ref Measures m, object? v) => m.BooleanTexts = Long(v) ?? 0);
                    Measure($"sum(typeof({c}) = 'integer' AND {c} IN (0, 1))", (ref Measures m, object? v) => m.ZeroOrOne = Long(v) ?? 0);
                    break;
                case NeutralType.Decimal when column.Precision is { } p:
                    // DECIMAL(p,s) that SQLite never enforced: count the numbers that would not fit it.
                    var s = column.Scale ?? 0;
                    Measure($"sum(typeof({c}) IN ('integer', 'real') AND (abs({c}) >= 1e{p - s} OR round({c}, {s}) <> {c}))", (ref Measures m, object? v) => m.DecimalMisfits = Long(v) ?? 0);
                    break;
            }
        }

        var sql = new StringBuilder("SELECT ").AppendJoin(", ", select).Append(" FROM ").Append(database.Dialect.Quote(table.Name)).ToString();
        var row = (await database.QueryAsync(sql, ct).ConfigureAwait(false))[0];
        var measures = new Measures[table.Columns.Count];
        for (var k = 0; k < stores.Count; k++) stores[k].Store(ref measures[stores[k].Column], row[k + 1]);
        var rows = Long(row[0]) ?? 0;
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

    private static long? Long(object? value) => value is null ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
}

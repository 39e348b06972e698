using System.Globalization;
using System.Text;
using Ferry.Copy;
using Ferry.Schema;

namespace Ferry.Engines.Sqlite;

/// <summary>
/// Profiles every column of a SQLite-family table in one scan: storage classes per <c>typeof()</c>,
/// integer range, text length, and the shapes that decide a target type (epoch numbers, ISO text
/// with and without zones, JSON, booleans as text). Runs as plain SQL, so libSQL shares it.
/// </summary>
internal static class SqliteProfiler
{
    private const int Measures = 18;

    public static async Task<IReadOnlyList<ColumnProfile>> ProfileAsync(IDatabase database, Table table, CancellationToken ct)
    {
        var select = new StringBuilder("SELECT count(*)");
        foreach (var column in table.Columns)
        {
            var c = database.Dialect.Quote(column.Name);
            string Text(string condition) => $", sum(typeof({c}) = 'text' AND {condition})";
            select.Append($", sum(typeof({c}) = 'null'), sum(typeof({c}) = 'integer'), sum(typeof({c}) = 'real'), sum(typeof({c}) = 'text'), sum(typeof({c}) = 'blob')");
            select.Append($", min(CASE WHEN typeof({c}) = 'integer' THEN {c} END), max(CASE WHEN typeof({c}) = 'integer' THEN {c} END)");
            select.Append($", max(CASE WHEN typeof({c}) = 'text' THEN length({c}) END)");
            select.Append($", sum(typeof({c}) = 'real' AND {c} IN (9e999, -9e999))"); // SQLite's literal for infinity
            select.Append(Text($"{c} = ''"));
            // JSON and date shapes only where a text could plausibly be one: the checks cost a scan's worth of CPU.
            select.Append(column.Type is NeutralType.Json or NeutralType.Text or NeutralType.Unknown ? Text($"json_valid({c}) AND substr(ltrim({c}), 1, 1) IN ('{{', '[')") : ", 0");
            var dates = column.Type is NeutralType.Timestamp or NeutralType.TimestampTz or NeutralType.Date or NeutralType.Text or NeutralType.Unknown or NeutralType.Decimal;
            select.Append(dates ? Text($"{c} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][ T][0-9][0-9]:[0-9][0-9]*'") : ", 0");
            select.Append(dates ? Text($"{c} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][ T][0-9][0-9]:[0-9][0-9]*' AND ({c} GLOB '*[+-][0-9][0-9]:[0-9][0-9]' OR {c} GLOB '*[+-][0-9][0-9][0-9][0-9]' OR {c} GLOB '*[Zz]')") : ", 0");
            select.Append(dates ? Text($"{c} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'") : ", 0");
            select.Append(Text($"lower({c}) IN ('true', 'false')"));
            select.Append($", sum(typeof({c}) = 'integer' AND {c} IN (0, 1))");
            select.Append(Text($"instr({c}, char(0)) > 0"));
            // DECIMAL(p,s) that SQLite never enforced: count the numbers that would not fit it.
            select.Append(column is { Type: NeutralType.Decimal, Precision: { } p }
                ? $", sum(typeof({c}) IN ('integer', 'real') AND (abs({c}) >= 1e{p - (column.Scale ?? 0)} OR round({c}, {column.Scale ?? 0}) <> {c}))"
                : ", 0");
        }
        select.Append(" FROM ").Append(database.Dialect.Quote(table.Name));

        var row = (await database.QueryAsync(select.ToString(), ct).ConfigureAwait(false))[0];
        var rows = Long(row[0]) ?? 0;
        return table.Columns.Select((column, i) =>
        {
            var at = 1 + i * Measures;
            long N(int k) => Long(row[at + k]) ?? 0;
            return new ColumnProfile
            {
                Column = column.Name,
                Rows = rows,
                Nulls = N(0), Integers = N(1), Reals = N(2), Texts = N(3), Blobs = N(4),
                MinInteger = Long(row[at + 5]), MaxInteger = Long(row[at + 6]), MaxTextLength = Long(row[at + 7]),
                Infinities = N(8), EmptyTexts = N(9), JsonTexts = N(10), IsoTexts = N(11), IsoTextsWithZone = N(12), DateTexts = N(13),
                BooleanTexts = N(14), ZeroOrOneIntegers = N(15), TextsWithNul = N(16), DecimalMisfits = N(17),
            };
        }).ToList();
    }

    private static long? Long(object? value) => value is null ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
}

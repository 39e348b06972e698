using System.Text.Unicode;
using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Engines.Libsql;

/// <summary>
/// Reads a table's values exactly as stored, through what Hrana's JSON cannot carry as it is: sqld
/// refuses a whole response holding a text that is not valid UTF-8, and sends an infinite REAL as null.
/// So texts travel as their bytes (a blob), infinities as a word, and one extra column per row names
/// each value's storage class by the first letter of typeof — a letter a value, on a path Seed 000
/// (splitting a Turso database) takes for every row.
/// </summary>
internal static class LibsqlVerbatimRows
{
    private const string Largest = "1.7976931348623157e308";

    public static string Select(Table table, ISqlDialect dialect)
    {
        var columns = table.Columns.Select(c => dialect.Quote(c.Name)).ToList();
        var classes = string.Join(" || ", columns.Select(c => $"substr(typeof({c}), 1, 1)"));
        var values = columns.Select(c =>
            $"CASE typeof({c}) WHEN 'text' THEN CAST({c} AS BLOB) WHEN 'real' THEN CASE WHEN {c} > {Largest} THEN 'Inf' WHEN {c} < -{Largest} THEN '-Inf' ELSE {c} END ELSE {c} END");
        return $"SELECT {classes}, {string.Join(", ", values)} FROM {dialect.Quote(table.Name)}";
    }

    /// <summary>A row of <see cref="Select"/> as the copy's values: texts as string (or <see cref="Utf8Text"/>) when valid UTF-8, else <see cref="InvalidText"/>.</summary>
    public static object?[] Decode(object?[] sent, bool textAsUtf8)
    {
        var classes = (string)sent[0]!;
        var row = new object?[sent.Length - 1];
        for (var i = 0; i < row.Length; i++)
        {
            var value = sent[i + 1];
            row[i] = (classes[i], value) switch
            {
                ('t', byte[] bytes) => !Utf8.IsValid(bytes) ? new InvalidText(bytes) : textAsUtf8 ? new Utf8Text(bytes) : System.Text.Encoding.UTF8.GetString(bytes),
                ('r', "Inf") => double.PositiveInfinity,
                ('r', "-Inf") => double.NegativeInfinity,
                _ => value,
            };
        }
        return row;
    }
}

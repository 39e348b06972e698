using System.Globalization;
using Ferry.Connections;
using Ferry.Engines;
using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Copy;

/// <summary>
/// A column's default as the target will hold it. A constant is a value: it goes through the same
/// converter as the column's rows (so <c>DEFAULT 0</c> on a column of epoch seconds becomes 1970-01-01
/// there, as its rows do) and is written by the target's literal writer. An expression is translated by
/// its meaning. One the chosen type cannot hold is left out with a warning in the plan, never a failed CREATE TABLE.
/// </summary>
internal static class TargetDefault
{
    public static string? For(Table table, Column column, TypeChoice choice, EngineKind source, EngineKind target, IDdlWriter ddl, List<string> warnings)
    {
        var parsed = DefaultParser.Parse(column.Default, source);
        if (parsed.Kind is DefaultKind.String or DefaultKind.Number or DefaultKind.Boolean)
        {
            try
            {
                return ddl.Literal(Conversion.For(choice, target).Apply(Constant(parsed, source)), choice);
            }
            catch (ValueRefusedException refused)
            {
                warnings.Add($"{table.Name}.{column.Name}: the default {column.Default} cannot be written for the column's target type ({refused.Message}); the default is left out.");
                return null;
            }
        }
        var (sql, problem) = ddl.Default(parsed, choice);
        if (problem is not null) warnings.Add($"{table.Name}.{column.Name}: {problem}; the default is left out.");
        return sql;
    }

    /// <summary>The value the source would store for the constant: SQLite and MySQL store TRUE as the integer 1.</summary>
    private static object Constant(DefaultValue parsed, EngineKind source) => parsed.Kind switch
    {
        DefaultKind.Boolean when source == EngineKind.Postgres => parsed.Text == "true",
        DefaultKind.Boolean => parsed.Text == "true" ? 1L : 0L,
        DefaultKind.Number => Number(parsed.Text!),
        _ => parsed.Text!,
    };

    private static object Number(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) ? integer
        : decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) ? exact
        : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}

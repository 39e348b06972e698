using System.Globalization;
using Ferry.Connections;
using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Copy;

/// <summary>
/// One table's part of a copy: what is read from the source, what is created and written in the
/// target, and how each value is converted on the way.
/// </summary>
public sealed record TablePlan
{
    /// <summary>The source table, with only the columns that are read (generated ones the target computes are left out).</summary>
    public required Table Source { get; init; }
    /// <summary>The table as the target will hold it: names kept, types and defaults in the target's dialect.</summary>
    public required Table Target { get; init; }
    /// <summary>The target columns written, in the order of <see cref="Source"/>'s columns.</summary>
    public required Table Written { get; init; }
    public required IReadOnlyList<TypeChoice> Choices { get; init; }
    /// <summary>Columns that identify a row in a refusal message: the primary key, else the first unique key, else none.</summary>
    public required IReadOnlyList<int> KeyColumns { get; init; }

    /// <summary>
    /// How a refusal names a row: its key columns' values, "(id=7)", or for a table without a key its
    /// number in read order, "#3"; each value whole, as the rejects file writes it. The runner names a refused
    /// row so, and whoever checks that file reads it so.
    /// </summary>
    public string KeyText(object?[] row, long number) =>
        KeyColumns.Count == 0
            ? $"#{number.ToString(CultureInfo.InvariantCulture)}"
            : "(" + string.Join(", ", KeyColumns.Select(i => $"{Source.Columns[i].Name}={(row[i] is { } v ? ValueText.Of(v) : "")}")) + ")";

    /// <summary>
    /// Every value goes as stored: the engines may move the rows without decoding them. So does a table of no columns
    /// copied (PostgreSQL's <c>CREATE TABLE t ()</c>, or one whose only columns are generated): its rows are just rows.
    /// </summary>
    public bool Verbatim => Choices.All(c => c.Conversion == ValueConversion.Verbatim);
}

/// <summary>Everything a copy will do, decided before anything is written; --dry-run prints it.</summary>
public sealed record CopyPlan
{
    public required EngineKind SourceEngine { get; init; }
    public required EngineKind TargetEngine { get; init; }
    public required IReadOnlyList<TablePlan> Tables { get; init; }
    /// <summary>What the target cannot express, said before the copy starts.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }
    public required IReadOnlyList<IReadOnlyList<string>> Cycles { get; init; }
    /// <summary>
    /// Every DDL statement the copy runs, in order: CREATE TABLE before the load, the rest after it (keys,
    /// checks, indexes, foreign keys, views, triggers, identity resets, statistics). --dry-run prints this list.
    /// </summary>
    public required IReadOnlyList<Ddl.DdlStep> Steps { get; init; }
}

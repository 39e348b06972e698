using System.Globalization;
using Ferry.Connections;
using Ferry.Engines;
using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Copy;

/// <summary>
/// The last word on a SQLite column's type: the values its conversion would refuse, counted by running over
/// them the same <see cref="Conversion"/> the copy runs, into the same target engine. A conversion the chooser
/// picked from the data (epoch or ISO times, booleans, a kept VARCHAR(n) or DECIMAL(p,s)) stands only when
/// every stored value survives it; otherwise the column falls back to what holds its values. A type that still
/// refuses some (a text in an INTEGER column, -0.0 into MySQL, a --cast) carries their exact count.
/// </summary>
internal static class RoundTripCensus
{
    /// <summary>
    /// Settles every column of <paramref name="table"/> at once: the columns whose values need counting are read
    /// in one scan of the table, not one scan each; a column that falls back is counted again under its fallback
    /// in the next scan, with only the others that fell back.
    /// </summary>
    public static async Task<List<TypeChoice>> SettleAsync(IDatabase source, Table table, IReadOnlyList<ColumnProfile> profiles, List<TypeChoice> choices,
        IReadOnlyList<bool> cast, EngineKind target, CancellationToken ct)
    {
        var pending = Enumerable.Range(0, choices.Count).Where(c => Needed(choices[c], profiles[c], cast[c], target)).ToList();
        while (pending.Count > 0)
        {
            var counts = await CountAsync(source, table, pending, choices, target, ct).ConfigureAwait(false);
            var again = new List<int>();
            for (var i = 0; i < pending.Count; i++)
            {
                var (c, (refused, first)) = (pending[i], counts[i]);
                var (column, choice) = (table.Columns[c], choices[c]);
                if (refused == 0)
                {
                    choices[c] = choice with { RowsToRefuse = 0 };
                    continue;
                }
                var what = $"{Count(refused)} value{(refused == 1 ? "" : "s")} would not come back the same (first: {first})";
                if (!cast[c] && TypeChooser.Without(column, profiles[c], choice) is { } fallback)
                {
                    choices[c] = fallback with { Evidence = $"{choice.Evidence}, but {what}; instead {fallback.Evidence}" };
                    if (Needed(choices[c], profiles[c], cast[c], target)) again.Add(c);
                    continue;
                }
                choices[c] = choice with { RowsToRefuse = refused, Evidence = $"{choice.Evidence}; {what}" };
            }
            pending = again;
        }
        return choices;
    }

    /// <summary>
    /// Whether a value of the storage classes the profile saw could be refused by the choice in a way the profile
    /// cannot count: what is total (integers into bigint, reals into PostgreSQL's double, any text into text) is not
    /// scanned. A column the profile did not measure (a text, a blob) is scanned only for a --cast that is not total.
    /// </summary>
    private static bool Needed(TypeChoice choice, ColumnProfile p, bool cast, EngineKind target)
    {
        if (p.NonNull == 0 || choice.Conversion == ValueConversion.Verbatim) return false;
        var total = choice.Type is NeutralType.Blob or NeutralType.Json || choice.Type is NeutralType.Text or NeutralType.Unknown or NeutralType.Other && choice.Length is null;
        if (!p.Measured) return cast && !total;
        if (choice.Conversion is ValueConversion.EpochSecondsToTimestamp or ValueConversion.EpochMillisecondsToTimestamp
            or ValueConversion.IsoTextToTimestamp or ValueConversion.IsoTextToDate or ValueConversion.ToBoolean) return true;
        return !total && choice.Type switch
        {
            // The profile measures texts' length in characters; a number's text it does not.
            NeutralType.Text or NeutralType.Unknown or NeutralType.Other => !(p.MaxTextLength <= choice.Length) || p.Integers + p.Reals > 0,
            NeutralType.Int64 => p.Reals + p.Texts + p.Blobs > 0,
            // Integers past 2^53 have no exact double; reals are total only where the target keeps -0.0, NaN and infinities.
            NeutralType.Float64 => p.Reals > 0 && target != EngineKind.Postgres || Math.Max(Math.Abs(p.MinInteger ?? 0), Math.Abs(p.MaxInteger ?? 0)) > 1L << 53,
            _ => true,
        };
    }

    /// <summary>For each of the <paramref name="columns"/>, the values its conversion refuses and the first one's reason, in one scan.</summary>
    private static async Task<(long Refused, string? First)[]> CountAsync(IDatabase source, Table table, List<int> columns, List<TypeChoice> choices,
        EngineKind target, CancellationToken ct)
    {
        var conversions = columns.Select(c => Conversion.For(choices[c], target)).ToArray();
        var counts = new (long Refused, string? First)[columns.Count];
        await foreach (var row in source.ReadRowsAsync(table with { Columns = columns.Select(c => table.Columns[c]).ToList() }, ct).WithCancellation(ct).ConfigureAwait(false))
        {
            for (var i = 0; i < conversions.Length; i++)
            {
                if (conversions[i].Refusal(row[i]) is not { } reason) continue;
                counts[i].Refused++;
                counts[i].First ??= reason;
            }
        }
        return counts;
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}

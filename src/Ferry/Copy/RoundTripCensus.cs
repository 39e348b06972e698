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
    public static async Task<TypeChoice> SettleAsync(IDatabase source, Table table, Column column, ColumnProfile profile, TypeChoice choice,
        bool cast, EngineKind target, CancellationToken ct)
    {
        if (!Needed(choice, profile, cast, target)) return choice;
        var (refused, first) = await CountAsync(source, table, column, choice, target, ct).ConfigureAwait(false);
        if (refused == 0) return choice with { RowsToRefuse = 0 };
        var what = $"{Count(refused)} value{(refused == 1 ? "" : "s")} would not come back the same (first: {first})";
        if (!cast && TypeChooser.Without(column, profile, choice) is { } fallback)
            return await SettleAsync(source, table, column, profile, fallback with { Evidence = $"{choice.Evidence}, but {what}; instead {fallback.Evidence}" },
                cast, target, ct).ConfigureAwait(false);
        return choice with { RowsToRefuse = refused, Evidence = $"{choice.Evidence}; {what}" };
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

    /// <summary>The values of <paramref name="column"/> the conversion refuses, and the first one's reason.</summary>
    private static async Task<(long Refused, string? First)> CountAsync(IDatabase source, Table table, Column column, TypeChoice choice, EngineKind target, CancellationToken ct)
    {
        var conversion = Conversion.For(choice, target);
        var (refused, first) = (0L, (string?)null);
        await foreach (var row in source.ReadRowsAsync(table with { Columns = [column] }, ct).WithCancellation(ct).ConfigureAwait(false))
        {
            if (conversion.Refusal(row[0]) is not { } reason) continue;
            refused++;
            first ??= reason;
        }
        return (refused, first);
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}

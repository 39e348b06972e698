using System.Text;
using Ferry.Copy;
using Ferry.Schema;

namespace Ferry.Engines.Sqlite;

/// <summary>
/// The aggregates that profile one table, and how each folds when the table is scanned in parts:
/// counts add up, minimums and maximums take the smaller or larger.
/// </summary>
internal sealed class ProfileQuery(Table table, IReadOnlyList<ProfileQuery.Aggregate> aggregates, Func<IReadOnlyList<long?>, IReadOnlyList<ColumnProfile?>> profiles)
{
    public enum Fold { Sum, Min, Max }

    public sealed record Aggregate(string Sql, Fold Fold);

    public Table Table => table;

    /// <summary>False when only the rows are counted: no column is measured.</summary>
    public bool Measures => aggregates.Count > 1;

    /// <summary>The scan of the rows <paramref name="where"/> selects (all of them when null), within the table's own filter.</summary>
    public string Sql(ISqlDialect dialect, string? where) =>
        new StringBuilder("SELECT ").AppendJoin(", ", aggregates.Select(a => a.Sql))
            .Append(" FROM ").Append(dialect.Quote(table.Name))
            .Append(KeyOrder.Where(KeyOrder.Filter(table, dialect), where)).ToString();

    /// <summary>Folds one part's row into what the earlier parts gave (null before the first).</summary>
    public long?[] Add(long?[]? folded, IReadOnlyList<long?> part)
    {
        if (folded is null) return [.. part];
        for (var i = 0; i < aggregates.Count; i++)
            folded[i] = (folded[i], part[i]) switch
            {
                (null, var b) => b,
                (var a, null) => a,
                ({ } a, { } b) => aggregates[i].Fold switch
                {
                    Fold.Min => Math.Min(a, b),
                    Fold.Max => Math.Max(a, b),
                    _ => a + b,
                },
            };
        return folded;
    }

    public IReadOnlyList<ColumnProfile?> Profiles(IReadOnlyList<long?> folded) => profiles(folded);
}

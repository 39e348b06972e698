using Ferry.Errors;
using Ferry.Schema;

namespace Ferry.Engines;

/// <summary>The ON CONFLICT clause SQLite, libSQL and PostgreSQL share for skipping or updating rows whose key exists.</summary>
public static class Upsert
{
    /// <summary>The key an update matches on: the primary key, else the first unique constraint.</summary>
    public static IReadOnlyList<string> Key(Table table) =>
        table.PrimaryKey?.Columns ?? table.Uniques.FirstOrDefault()?.Columns
        ?? throw new FerryException(FerryErrorKind.Usage, $"--on-conflict update needs a primary or unique key, and {table.Name} has none.");

    public static string Clause(Table table, ISqlDialect dialect, OnConflict onConflict)
    {
        if (onConflict == OnConflict.Skip) return " ON CONFLICT DO NOTHING";
        if (onConflict != OnConflict.Update) return "";
        var key = Key(table);
        var set = table.Columns.Where(c => !key.Contains(c.Name)).Select(c => $"{dialect.Quote(c.Name)} = excluded.{dialect.Quote(c.Name)}").ToList();
        return $" ON CONFLICT ({DdlText.Columns(dialect, key)}) " + (set.Count == 0 ? "DO NOTHING" : "DO UPDATE SET " + string.Join(", ", set));
    }
}

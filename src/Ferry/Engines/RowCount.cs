using System.Globalization;
using Ferry.Schema;

namespace Ferry.Engines;

/// <summary>A table's rows as the database itself counts them: the copy's final check and verify's counts level.</summary>
public static class RowCount
{
    public static async Task<long> OfAsync(ISqlSession database, Table table, CancellationToken ct) =>
        Convert.ToInt64((await database.QueryAsync($"SELECT count(*) FROM {database.Dialect.Name(table.Schema, table.Name)}", ct).ConfigureAwait(false))[0][0], CultureInfo.InvariantCulture);
}

using System.Runtime.CompilerServices;
using Ferry.Schema;
using MySql.Data.MySqlClient;

namespace Ferry.Engines.MySql;

/// <summary>
/// Streams a table's rows: MySql.Data reads the result set packet by packet as the caller advances,
/// so one row is in memory at a time. The connection is busy until the enumeration ends.
/// </summary>
internal static class MySqlRowReader
{
    public static async IAsyncEnumerable<object?[]> ReadAsync(MySqlConnection connection, Table table, ISqlDialect dialect, [EnumeratorCancellation] CancellationToken ct)
    {
        using var command = new MySqlCommand(
            $"SELECT {string.Join(", ", table.Columns.Select(c => dialect.Quote(c.Name)))} FROM {dialect.Quote(table.Name)}", connection);
        using var reader = (MySqlDataReader)await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var width = table.Columns.Count;
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var row = new object?[width];
            for (var i = 0; i < width; i++) row[i] = MySqlValues.Read(reader, i);
            yield return row;
        }
    }
}

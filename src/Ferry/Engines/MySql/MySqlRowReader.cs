using System.Runtime.CompilerServices;
using System.Text.Unicode;
using Ferry.Values;
using Ferry.Schema;
using MySqlConnector;

namespace Ferry.Engines.MySql;

/// <summary>
/// Streams a table's rows: MySqlConnector reads the result set packet by packet as the caller advances,
/// so one row is in memory at a time. The connection is busy until the enumeration ends.
/// </summary>
internal static class MySqlRowReader
{
    /// <param name="verbatim">Each value as the bytes of its exact text (<see cref="MySqlVerbatim"/>), for a MySQL target.</param>
    public static async IAsyncEnumerable<object?[]> ReadAsync(MySqlConnection connection, Table table, ISqlDialect dialect, RowReadOptions read, [EnumeratorCancellation] CancellationToken ct)
    {
        var verbatim = read.Verbatim;
        var floats = table.Columns.Select(c => !verbatim && IsFloat(c)).ToArray();
        var utf8 = table.Columns.Select(c => !verbatim && read.TextAsUtf8 && AsUtf8(c)).ToArray();
        var selected = table.Columns.Select((c, i) => verbatim ? MySqlVerbatim.Select(c, dialect) : utf8[i] ? Utf8Bytes(c, dialect) : Selected(c, dialect));
        using var command = new MySqlCommand($"SELECT {string.Join(", ", selected)} FROM {dialect.Quote(table.Name)}{KeyOrder.Clause(table, read, dialect, c => MySqlRangeHash.Instance.ByBytes(c, dialect))}", connection);
        using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var width = table.Columns.Count;
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var row = new object?[width];
            for (var i = 0; i < width; i++)
            {
                var value = MySqlValues.Read(reader, i);
                row[i] = floats[i] && value is double d ? MySqlValues.Widen((float)d)
                    : utf8[i] && value is byte[] bytes ? (Utf8.IsValid(bytes) ? new Utf8Text(bytes) : new InvalidText(bytes))
                    : value;
            }
            yield return row;
        }
    }

    /// <summary>
    /// The text protocol sends a FLOAT with 6 significant digits (16777215 arrives as 16777200). Plus 0e0
    /// makes it a DOUBLE, sent with all 17, from which the stored single-precision value comes back exactly.
    /// </summary>
    private static string Selected(Column column, ISqlDialect dialect) =>
        IsFloat(column) ? $"{dialect.Quote(column.Name)} + 0e0" : dialect.Quote(column.Name);

    /// <summary>
    /// A VARCHAR or TEXT as its UTF-8 bytes, for a target that takes them as they are (PostgreSQL, SQLite): the
    /// driver's string and the writer's encoding back cost more than the rest of the row. CONVERT makes a
    /// column of another character set UTF-8 first. A CHAR is left to the driver, which strips its padding.
    /// </summary>
    private static bool AsUtf8(Column column) =>
        column.Type == NeutralType.Text && !column.DeclaredType.StartsWith("char", StringComparison.OrdinalIgnoreCase);

    private static string Utf8Bytes(Column column, ISqlDialect dialect) => $"CAST(CONVERT({dialect.Quote(column.Name)} USING utf8mb4) AS BINARY)";

    private static bool IsFloat(Column column) => column.Type == NeutralType.Float32;
}

using System.Runtime.CompilerServices;
using System.Text;
using Ferry.Schema;
using Microsoft.Data.Sqlite;

namespace Ferry.Engines.Sqlite;

/// <summary>Streams a table's rows straight from the SQLite cursor: one row in memory at a time.</summary>
internal static class SqliteRowReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async IAsyncEnumerable<object?[]> ReadAsync(SqliteConnection connection, Table table, ISqlDialect dialect, [EnumeratorCancellation] CancellationToken ct)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", table.Columns.Select(c => dialect.Quote(c.Name)))} FROM {dialect.Quote(table.Name)}";
        using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var width = table.Columns.Count;
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var row = new object?[width];
            for (var i = 0; i < width; i++)
            {
                if (reader.IsDBNull(i)) continue;
                var value = reader.GetValue(i);
                // SQLite hands back invalid UTF-8 with U+FFFD in place of the bad bytes: look at the bytes
                // whenever one appears, and keep them when they really are invalid.
                if (value is string text && text.Contains('\uFFFD', StringComparison.Ordinal))
                    value = Strict(reader.GetFieldValue<byte[]>(i)) ?? value;
                row[i] = value;
            }
            yield return row;
        }
    }

    /// <summary>Null when the bytes are valid UTF-8 (the replacement character was really stored).</summary>
    private static InvalidText? Strict(byte[] bytes)
    {
        try
        {
            StrictUtf8.GetString(bytes);
            return null;
        }
        catch (DecoderFallbackException)
        {
            return new InvalidText(bytes);
        }
    }
}

using Microsoft.Data.Sqlite;

namespace Ferry.Tests.Engines.Sqlite;

/// <summary>
/// What SQLite's own catalog says, read the plain way (one PRAGMA statement per table) with its own
/// connection: the independent answer Ferry's reader is checked against.
/// </summary>
public sealed class SqliteCatalog(string path)
{
    public List<string> Tables() => Rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").Select(r => (string)r[0]!).ToList();

    /// <summary>(name, declared type, notnull, default, pk position) per column, hidden generated columns included.</summary>
    public List<(string Name, string Type, bool NotNull, string? Default, long Pk)> Columns(string table) =>
        Rows($"PRAGMA table_xinfo({Quote(table)})").Select(r => ((string)r[1]!, (string)r[2]!, (long)r[3]! == 1, r[4] as string, (long)r[5]!)).ToList();

    public List<(string Name, bool Unique, string Origin, List<string?> Columns)> Indexes(string table) =>
        Rows($"PRAGMA index_list({Quote(table)})").Select(r => ((string)r[1]!, (long)r[2]! == 1, (string)r[3]!,
            Rows($"PRAGMA index_info({Quote((string)r[1]!)})").Select(c => c[2] as string).ToList())).OrderBy(i => i.Item1, StringComparer.Ordinal).ToList();

    public List<(string Parent, string From, string? To, string OnUpdate, string OnDelete)> ForeignKeys(string table) =>
        Rows($"PRAGMA foreign_key_list({Quote(table)})").Select(r => ((string)r[2]!, (string)r[3]!, r[4] as string, (string)r[5]!, (string)r[6]!)).ToList();

    public long Count(string table) => (long)Rows($"SELECT count(*) FROM {Quote(table)}")[0][0]!;

    private static string Quote(string name) => '"' + name.Replace("\"", "\"\"", StringComparison.Ordinal) + '"';

    private List<object?[]> Rows(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }
}

using Ferry.Schema;

namespace Ferry.Engines.Sqlite;

/// <summary>
/// SQLite (and libSQL) have no MD5 in SQL: every range is streamed and hashed by Ferry. What it does give is its
/// BINARY collation, which compares texts by their bytes whatever collation a column declares.
/// </summary>
internal sealed class SqliteRangeHash : IRangeHash
{
    public static readonly SqliteRangeHash Instance = new();

    public string? Text(Column column, ISqlDialect dialect) => null;

    public string Concat(IReadOnlyList<string> parts) => throw new NotSupportedException("SQLite hashes no range in SQL.");

    public string Sum64(string rowText) => throw new NotSupportedException("SQLite hashes no range in SQL.");

    public string ByBytes(Column column, ISqlDialect dialect) => $"{dialect.Quote(column.Name)} COLLATE BINARY";

    public string From(Table table, ISqlDialect dialect) => dialect.Quote(table.Name);
}

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

    /// <summary>
    /// A uuid held as its text (whatever type its column declares) compares by its bytes: as the uuid's own order when
    /// every key is written alike, in lowercase with its hyphens ('A' sorts before 'a', and a blob after every text).
    /// A decimal or a time is held in whichever storage class it came as, a number or a text of any form, which
    /// sort apart from its value: none.
    /// </summary>
    public string? KeyCheck(Column column, ISqlDialect dialect)
    {
        var q = dialect.Quote(column.Name);
        return column.Type is NeutralType.Decimal or NeutralType.Date or NeutralType.Timestamp or NeutralType.TimestampTz
            ? null
            : $"typeof({q}) = 'text' AND length({q}) = 36 AND {q} = lower({q})";
    }

    public string From(Table table, ISqlDialect dialect) => dialect.Quote(table.Name);
}

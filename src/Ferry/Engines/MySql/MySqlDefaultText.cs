using System.Text;
using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Engines.MySql;

/// <summary>
/// A neutral default written for a MySQL or MariaDB column. Expressions go in parentheses, which
/// MariaDB 10.2+ and MySQL 8.0.13+ accept for any column; constants stay bare where they can.
/// </summary>
internal static class MySqlDefaultText
{
    public static (string? Sql, string? Problem) For(DefaultValue value, TypeChoice column, string typeName)
    {
        var type = column.Type;
        var integer = type is NeutralType.Int16 or NeutralType.Int32 or NeutralType.Int64;
        var temporal = type is NeutralType.Timestamp or NeutralType.TimestampTz;
        return value.Kind switch
        {
            DefaultKind.None or DefaultKind.Sequence => (null, null),
            // The copy keeps instants as UTC wall-clock time (SQLite's CURRENT_TIMESTAMP is UTC too), so the
            // default must be UTC whatever the inserting session's time_zone; CURRENT_TIMESTAMP follows the session.
            DefaultKind.CurrentTimestamp or DefaultKind.EpochSeconds or DefaultKind.EpochMilliseconds when temporal => ("(utc_timestamp(6))", null),
            DefaultKind.CurrentTimestamp when type == NeutralType.Text => ("(date_format(utc_timestamp(), '%Y-%m-%d %H:%i:%s'))", null),
            DefaultKind.CurrentDate when type == NeutralType.Date => ("(utc_date())", null),
            DefaultKind.CurrentTime when type == NeutralType.Time => ("(utc_time(6))", null),
            DefaultKind.EpochSeconds when integer => ("(unix_timestamp())", null),
            DefaultKind.EpochMilliseconds when integer => ("(cast(unix_timestamp(now(3)) * 1000 as signed))", null),
            // uuid() is a version-1 UUID (time and node based): unique, though not random.
            DefaultKind.RandomId when type == NeutralType.Uuid => ("(uuid())", null),
            DefaultKind.RandomId when type == NeutralType.Text => ("(replace(uuid(), '-', ''))", null),
            _ => (null, $"MySQL has no equivalent of the default {value.Text ?? value.Kind.ToString()} for a {typeName} column"),
        };
    }

    /// <summary>
    /// A string literal. One with a backslash is written as hex, which means the same whether or not the
    /// session runs with NO_BACKSLASH_ESCAPES (this text is written before any connection) — except on
    /// TEXT, BLOB and JSON columns: MySQL takes their defaults only as expressions, and MariaDB 10.11 keeps
    /// an expression default as text it prints and parses again, printing the hex literal's value unescaped
    /// (<c>DEFAULT (_utf8mb4 X'5C')</c> fails with error 1064). There the default sql_mode's escaping is used.
    /// </summary>
    public static string Literal(string text, string typeName)
    {
        if (IsLob(typeName)) return "(" + MySqlDialect.Default.QuoteLiteral(text) + ")";
        return text.Contains('\\', StringComparison.Ordinal)
            ? "_utf8mb4 X'" + Convert.ToHexString(Encoding.UTF8.GetBytes(text)) + "'"
            : MySqlDialect.Default.QuoteLiteral(text);
    }

    /// <summary>MySQL takes a TEXT, BLOB or JSON default only as an expression: <c>DEFAULT ('x')</c>.</summary>
    public static string Constant(string sql, string typeName) => IsLob(typeName) ? "(" + sql + ")" : sql;

    private static bool IsLob(string typeName) => typeName is "longtext" or "longblob" or "json";
}

namespace Ferry.Engines.MySql;

/// <summary>The SQL of a read-only MySQL/MariaDB login, and of the question whether the connected user can write: text only, no connection.</summary>
internal static class MySqlGrants
{
    /// <summary>The account is user@'%': it may connect from anywhere, as the URL's own users usually do.</summary>
    public static IReadOnlyList<string> CreateReadOnly(ISqlDialect dialect, string user, string password, string database) =>
    [
        $"CREATE USER {Account(dialect, user)} IDENTIFIED BY {dialect.QuoteLiteral(password)}",
        $"GRANT SELECT, SHOW VIEW ON {dialect.Quote(database)}.* TO {Account(dialect, user)}",
    ];

    public static string Account(ISqlDialect dialect, string user) => $"{dialect.QuoteLiteral(user)}@'%'";

    /// <summary>The current account as information_schema writes a grantee: 'user'@'host'.</summary>
    private const string Grantee = "CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')";

    /// <summary>Privileges that only read. Anything else counts as a way to write, EXECUTE too (a DEFINER routine writes as its definer).</summary>
    private const string ReadOnly = "('SELECT', 'SHOW VIEW', 'USAGE', 'SHOW DATABASES')";

    /// <summary>Every privilege of the current account beyond reading, one line each, global, per database, per table and per column.</summary>
    public const string WaysToWriteSql =
        "SELECT CONCAT(PRIVILEGE_TYPE, ' on *.*') FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = " + Grantee + " AND PRIVILEGE_TYPE NOT IN " + ReadOnly
        + " UNION ALL SELECT CONCAT(PRIVILEGE_TYPE, ' on ', TABLE_SCHEMA, '.*') FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE = " + Grantee + " AND PRIVILEGE_TYPE NOT IN " + ReadOnly
        + " UNION ALL SELECT CONCAT(PRIVILEGE_TYPE, ' on ', TABLE_SCHEMA, '.', TABLE_NAME) FROM information_schema.TABLE_PRIVILEGES WHERE GRANTEE = " + Grantee + " AND PRIVILEGE_TYPE NOT IN " + ReadOnly
        + " UNION ALL SELECT CONCAT(PRIVILEGE_TYPE, ' on ', TABLE_SCHEMA, '.', TABLE_NAME, '.', COLUMN_NAME) FROM information_schema.COLUMN_PRIVILEGES WHERE GRANTEE = " + Grantee + " AND PRIVILEGE_TYPE NOT IN " + ReadOnly;

    /// <summary>A table of the URL's database to try a DELETE on: DDL would commit on its own, so only DML is tried, and rolled back.</summary>
    public const string ProbeTableSql = "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME LIMIT 1";

    public static IEnumerable<string> Probes(ISqlDialect dialect, string? table)
    {
        if (table is not null) yield return $"DELETE FROM {dialect.Quote(table)} WHERE 0";
    }
}

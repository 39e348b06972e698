using Ferry.Connections;
using Ferry.Errors;
using MySqlConnector;

namespace Ferry.Engines.MySql;

/// <summary>
/// The error numbers Ferry acts on, one constant each, and the <see cref="ServerError"/> a
/// <see cref="MySqlException"/> becomes. Server numbers: https://mariadb.com/kb/en/mariadb-error-codes/
/// (shared with MySQL below 1900); 2000–2999 are the client library's own.
/// </summary>
internal static class MySqlErrorCodes
{
    public const int TooManyConnections = 1040, CannotGetHostAddress = 1042, DatabaseAccessDenied = 1044, AccessDenied = 1045,
        UnknownDatabase = 1049, UserTooManyConnections = 1203, UserLimitReached = 1226, ReadOnlyTransaction = 1792;

    /// <summary>ER_TABLE_EXISTS_ERROR: a table or view of that name.</summary>
    public const int TableExists = 1050;
    /// <summary>ER_DUP_KEYNAME: an index or unique key of that name on the table.</summary>
    public const int DuplicateKeyName = 1061;
    /// <summary>ER_MULTIPLE_PRI_KEY: the table has its primary key already.</summary>
    public const int MultiplePrimaryKey = 1068;
    /// <summary>ER_DUP_CONSTRAINT_NAME: MySQL's duplicate foreign key name, MariaDB's duplicate CHECK (or other) constraint name.</summary>
    public const int DuplicateConstraintName = 1826;
    /// <summary>ER_DUP_KEY: MySQL's older answer to a foreign key name in use.</summary>
    public const int DuplicateKeyOnWrite = 1022;
    /// <summary>ER_SP_ALREADY_EXISTS and ER_TRG_ALREADY_EXISTS: a routine or trigger of that name.</summary>
    public const int RoutineExists = 1304, TriggerExists = 1359;
    /// <summary>ER_DUP_ENTRY: a row repeats a unique key.</summary>
    public const int DuplicateEntry = 1062;

    public static ServerErrorCategory Categorize(int number) => number switch
    {
        TableExists or DuplicateKeyName or MultiplePrimaryKey or DuplicateConstraintName or DuplicateKeyOnWrite
            or RoutineExists or TriggerExists => ServerErrorCategory.AlreadyExists,
        DuplicateEntry => ServerErrorCategory.DuplicateKey,
        ReadOnlyTransaction => ServerErrorCategory.ReadOnly,
        _ => ServerErrorCategory.Other,
    };

    /// <summary>
    /// Whether the number came from the server: 0 and 2000–2999 are the client's, and MySqlConnector reports
    /// every failure to open a session as 1042 (UnableToConnectToHost), which is not the server speaking.
    /// </summary>
    public static bool IsServerNumber(int number) => number is > 0 and not (>= 2000 and < 3000) and not (int)MySqlErrorCode.UnableToConnectToHost;

    /// <summary>What the server said, as data; null when the failure did not come from the server.</summary>
    public static ServerError? ServerErrorOf(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is MySqlException m && IsServerNumber(m.Number))
                return new ServerError(EngineKind.MySql, m.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    SecretMasker.Scrub(m.Message.Trim()), Categorize(m.Number));
        return null;
    }
}

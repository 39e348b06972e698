using Ferry.Connections;
using Ferry.Errors;
using MySqlConnector;

namespace Ferry.Engines.MySql;

/// <summary>
/// The error numbers Ferry acts on, by MySqlConnector's own <see cref="MySqlErrorCode"/> names, and the <see cref="ServerError"/> a
/// <see cref="MySqlException"/> becomes. Server numbers: https://mariadb.com/kb/en/mariadb-error-codes/
/// (shared with MySQL below 1900); 2000–2999 are the client library's own.
/// </summary>
internal static class MySqlErrorCodes
{
    /// <summary>
    /// The neutral category of a server error number, named by MySqlConnector's own enum. ER_DUP_CONSTRAINT_NAME
    /// (1826: MySQL's duplicate foreign key name, MariaDB's duplicate CHECK name) is a number the enum may not name.
    /// </summary>
    public static ServerErrorCategory Categorize(int number) => (MySqlErrorCode)number switch
    {
        MySqlErrorCode.TableExists or MySqlErrorCode.DuplicateKeyName or MySqlErrorCode.MultiplePrimaryKey or MySqlErrorCode.DuplicateKey
            or MySqlErrorCode.StoredProcedureAlreadyExists or MySqlErrorCode.TriggerAlreadyExists => ServerErrorCategory.AlreadyExists,
        _ when number == DuplicateConstraintName => ServerErrorCategory.AlreadyExists,
        MySqlErrorCode.DuplicateKeyEntry => ServerErrorCategory.DuplicateKey,
        MySqlErrorCode.CannotExecuteInReadOnlyTransaction => ServerErrorCategory.ReadOnly,
        // XAER_RMFAIL: an active XA transaction refuses a statement that would commit it. Ferry holds one only around a
        // read-only query, where the statement refused is a COMMIT, DDL, LOCK TABLES or a procedure that commits.
        MySqlErrorCode.XAERRemoveFail => ServerErrorCategory.ReadOnly,
        MySqlErrorCode.QueryInterrupted => ServerErrorCategory.Interrupted,
        MySqlErrorCode.TableAccessDenied or MySqlErrorCode.ColumnAccessDenied or MySqlErrorCode.DatabaseAccessDenied
            or MySqlErrorCode.SpecifiedAccessDeniedError or MySqlErrorCode.PrecedureAccessDenied => ServerErrorCategory.PermissionDenied,
        _ when number is StatementTimeout or ExecutionTimeExceeded => ServerErrorCategory.Interrupted,
        _ => ServerErrorCategory.Other,
    };

    private const int DuplicateConstraintName = 1826;

    /// <summary>MariaDB's max_statement_time ran out (ER_STATEMENT_TIMEOUT); MySQL's max_execution_time (ER_QUERY_TIMEOUT).</summary>
    public const int StatementTimeout = 1969, ExecutionTimeExceeded = 3024;

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

using Ferry.Errors;
using Microsoft.Data.Sqlite;
using static Ferry.Engines.Sqlite.SqliteErrorCodes;

namespace Ferry.Engines.Sqlite;

/// <summary>Turns SQLite's result codes into sentences that name the file.</summary>
internal static class SqliteErrors
{
    /// <summary>The error SQLite holds for the connection after a native call failed, as Microsoft.Data.Sqlite would raise it.</summary>
    public static SqliteException Last(SqliteConnection connection)
    {
        var db = connection.Handle!;
        return new SqliteException(SQLitePCL.raw.sqlite3_errmsg(db).utf8_to_string(), SQLitePCL.raw.sqlite3_errcode(db), SQLitePCL.raw.sqlite3_extended_errcode(db));
    }

    public static bool IsTransient(Exception e) => e is SqliteException { SqliteErrorCode: Busy or Locked };

    public static Exception Describe(Exception e, string where) =>
        FerryException.WithServer(DescribeFailure(e, where), e, ServerErrorOf(e));

    private static Exception DescribeFailure(Exception e, string where) => e switch
    {
        FerryException => e,
        SqliteException { SqliteErrorCode: Busy or Locked } => new FerryException(FerryErrorKind.Connection,
            $"The SQLite database {where} is locked by another process, and stayed locked while Ferry retried.", e) { IsTransient = true },
        SqliteException { SqliteErrorCode: NotADb } => new FerryException(FerryErrorKind.NotADatabase,
            $"{where} is not a SQLite database.", e),
        SqliteException { SqliteErrorCode: Corrupt } => new FerryException(FerryErrorKind.NotADatabase,
            $"The SQLite database {where} is corrupt: {e.Message.TrimEnd('.')}.", e),
        SqliteException { SqliteErrorCode: CantOpen } => new FerryException(FerryErrorKind.Connection,
            $"SQLite cannot open {where}: check that the file and its folder exist and are readable.", e),
        SqliteException { SqliteErrorCode: ReadOnly } => new FerryException(FerryErrorKind.Failed,
            $"The SQLite database {where} is read-only: {((SqliteException)e).Message}", e),
        SqliteException s => new FerryException(FerryErrorKind.Failed, $"SQLite error on {where}: {s.Message}", e),
        _ => e,
    };
}

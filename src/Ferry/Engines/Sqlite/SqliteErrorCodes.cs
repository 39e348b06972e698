using System.Globalization;
using Ferry.Connections;
using Ferry.Errors;
using Microsoft.Data.Sqlite;

namespace Ferry.Engines.Sqlite;

/// <summary>
/// The result codes Ferry acts on, one constant each (https://www.sqlite.org/rescode.html), and the
/// <see cref="ServerError"/> a <see cref="SqliteException"/> becomes. An extended code keeps its primary
/// code in its low byte.
/// </summary>
internal static class SqliteErrorCodes
{
    public const int Error = 1, Busy = 5, Locked = 6, ReadOnly = 8, Corrupt = 11, CantOpen = 14, Constraint = 19, NotADb = 26, Interrupt = 9;

    public const int ConstraintPrimaryKey = 1555, ConstraintUnique = 2067;

    /// <summary>
    /// SQLite gives "table x already exists" no code of its own (it is SQLITE_ERROR, like a typo), so
    /// nothing here is <see cref="ServerErrorCategory.AlreadyExists"/>: Ferry reads the schema instead.
    /// </summary>
    public static ServerErrorCategory Categorize(int extendedCode) => extendedCode switch
    {
        ConstraintPrimaryKey or ConstraintUnique => ServerErrorCategory.DuplicateKey,
        _ when (extendedCode & 0xff) == ReadOnly => ServerErrorCategory.ReadOnly,
        Interrupt => ServerErrorCategory.Interrupted,
        _ => ServerErrorCategory.Other,
    };

    /// <summary>What SQLite said, as data: the extended code, and the message Microsoft.Data.Sqlite wraps it in.</summary>
    public static ServerError? ServerErrorOf(Exception e) => e is SqliteException s
        ? new ServerError(EngineKind.Sqlite, s.SqliteExtendedErrorCode.ToString(CultureInfo.InvariantCulture), s.Message, Categorize(s.SqliteExtendedErrorCode))
        : null;
}

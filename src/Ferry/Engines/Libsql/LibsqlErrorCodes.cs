using Ferry.Connections;
using Ferry.Errors;

namespace Ferry.Engines.Libsql;

/// <summary>
/// The Hrana error codes Ferry acts on, and the <see cref="ServerError"/> a <see cref="HranaException"/>
/// becomes. The Hrana spec leaves codes to the server: sqld sends SQLite's primary code names
/// (<c>SQLITE_CONSTRAINT</c>), <c>SQL_INPUT_ERROR</c> for a statement it cannot parse or run
/// ("table x already exists" among them, so libSQL has no code for that either), and its own
/// (<see cref="HranaException.StreamExpired"/>).
/// </summary>
internal static class LibsqlErrorCodes
{
    public const string ConstraintUnique = "SQLITE_CONSTRAINT_UNIQUE", ConstraintPrimaryKey = "SQLITE_CONSTRAINT_PRIMARYKEY";
    public const string ReadOnly = "SQLITE_READONLY";

    public static ServerErrorCategory Categorize(string code) => code switch
    {
        ConstraintUnique or ConstraintPrimaryKey => ServerErrorCategory.DuplicateKey,
        // SQLITE_READONLY and its extended forms (SQLITE_READONLY_DBMOVED, ...).
        _ when code == ReadOnly || code.StartsWith(ReadOnly + "_", StringComparison.Ordinal) => ServerErrorCategory.ReadOnly,
        _ => ServerErrorCategory.Other,
    };

    /// <summary>What the server said, as data, when it sent a code; an HTTP status alone stays on the <see cref="HranaException"/>.</summary>
    public static ServerError? ServerErrorOf(Exception e) => e is HranaException { Code: { } code } h
        ? new ServerError(EngineKind.Libsql, code, SecretMasker.Scrub(h.Message), Categorize(code))
        : null;
}

using Ferry.Connections;
using Ferry.Errors;
using Npgsql;

namespace Ferry.Engines.Postgres;

/// <summary>
/// The SQLSTATEs Ferry acts on, one constant each (https://www.postgresql.org/docs/current/errcodes-appendix.html),
/// and the <see cref="ServerError"/> a <see cref="PostgresException"/> becomes.
/// </summary>
internal static class PostgresErrorCodes
{
    public const string InvalidPassword = "28P01", InvalidAuthorization = "28000", InvalidCatalogName = "3D000",
        CannotConnectNow = "57P03", TooManyConnections = "53300", ReadOnlyTransaction = "25006",
        AdminShutdown = "57P01", CrashShutdown = "57P02";

    /// <summary>statement_timeout ran out, or the statement was cancelled.</summary>
    public const string QueryCanceled = "57014";

    public const string InsufficientPrivilege = "42501";

    public const string UniqueViolation = "23505";

    /// <summary>A table, index, sequence or view of that name (they share one namespace of relations).</summary>
    public const string DuplicateTable = "42P07";
    /// <summary>A constraint or trigger of that name on the table, or a type.</summary>
    public const string DuplicateObject = "42710";
    /// <summary>Among others "multiple primary keys for table are not allowed", all an ADD PRIMARY KEY can draw on a table Ferry made.</summary>
    public const string InvalidTableDefinition = "42P16";
    public const string DuplicateDatabase = "42P04", DuplicateSchema = "42P06", DuplicateFunction = "42723";

    public static ServerErrorCategory Categorize(string sqlState) => sqlState switch
    {
        DuplicateTable or DuplicateObject or InvalidTableDefinition or DuplicateDatabase or DuplicateSchema or DuplicateFunction
            => ServerErrorCategory.AlreadyExists,
        UniqueViolation => ServerErrorCategory.DuplicateKey,
        ReadOnlyTransaction => ServerErrorCategory.ReadOnly,
        QueryCanceled => ServerErrorCategory.Interrupted,
        InsufficientPrivilege => ServerErrorCategory.PermissionDenied,
        _ => ServerErrorCategory.Other,
    };

    /// <summary>What the server said, as data; null when the failure did not come from the server.</summary>
    public static ServerError? ServerErrorOf(Exception e) => e is PostgresException p
        ? new ServerError(EngineKind.Postgres, p.SqlState, SecretMasker.Scrub(p.MessageText), Categorize(p.SqlState))
        {
            Table = p.TableName,
            Constraint = p.ConstraintName,
        }
        : null;
}

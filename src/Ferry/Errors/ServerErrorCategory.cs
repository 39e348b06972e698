namespace Ferry.Errors;

/// <summary>
/// The few meanings of a server's error code that Ferry acts on, the same on every engine. Each engine's
/// error codes class maps its own codes here; anything else is <see cref="Other"/>.
/// </summary>
public enum ServerErrorCategory
{
    /// <summary>A code Ferry does not act on: the message is shown, nothing is decided by it.</summary>
    Other,
    /// <summary>
    /// The object a DDL statement makes is already there: a table, index, constraint, view or trigger of
    /// that name, or a second primary key. SQLite and libSQL have no code for this (it is plain
    /// SQLITE_ERROR), so for them Ferry tells it from the schema instead.
    /// </summary>
    AlreadyExists,
    /// <summary>A row repeats a value its unique or primary key already holds.</summary>
    DuplicateKey,
    /// <summary>The session, transaction or file refuses writes.</summary>
    ReadOnly,
    /// <summary>The server stopped the statement: its time limit ran out, or it was cancelled.</summary>
    Interrupted,
    /// <summary>The user lacks the privilege for the statement (PostgreSQL 42501, MySQL's access-denied errors on an open session).</summary>
    PermissionDenied,
}

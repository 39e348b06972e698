namespace Ferry.Errors;

/// <summary>What went wrong, coarsely: a front end turns this into an exit code.</summary>
public enum FerryErrorKind
{
    /// <summary>The operation ran and failed.</summary>
    Failed,
    /// <summary>The user asked for something malformed: a bad URL, a missing variable, a bad option.</summary>
    Usage,
    /// <summary>The server could not be reached, or stopped answering.</summary>
    Connection,
    /// <summary>The server was reached and refused the credentials.</summary>
    Authentication,
    /// <summary>The file or database is not what it claims to be: not SQLite, empty, truncated, corrupt.</summary>
    NotADatabase,
}

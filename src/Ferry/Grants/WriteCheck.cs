namespace Ferry.Grants;

/// <summary>One write tried in a transaction that was rolled back, and what the database answered.</summary>
/// <param name="Statement">The write, as sent.</param>
/// <param name="Refusal">The database's refusal in one sentence; null when it accepted the write (undone by the ROLLBACK).</param>
/// <param name="ByPrivilege">Whether the refusal was for want of a privilege or because the session is read-only (by the server's code); a refusal for another reason proves nothing.</param>
public sealed record WriteAttempt(string Statement, string? Refusal, bool ByPrivilege)
{
    public bool Accepted => Refusal is null;
}

/// <summary>Whether a user can write: what its privileges allow, and what the database answered to writes it tried.</summary>
public sealed record WriteCheck(string User, IReadOnlyList<string> WaysToWrite, IReadOnlyList<WriteAttempt> Attempts)
{
    /// <summary>Its privileges allow a write, or a tried write was accepted.</summary>
    public bool CanWrite => WaysToWrite.Count > 0 || Attempts.Any(a => a.Accepted);

    /// <summary>A write was refused for a reason that is not a privilege (a table already there, a syntax the server lacks).</summary>
    public bool Inconclusive => Attempts.Any(a => !a.Accepted && !a.ByPrivilege);

    /// <summary>The only verdict a caller should act on: nothing allows a write, and every write tried was refused for want of a privilege.</summary>
    public bool ReadOnly => !CanWrite && !Inconclusive;
}

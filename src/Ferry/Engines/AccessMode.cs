namespace Ferry.Engines;

/// <summary>
/// How a database is opened. A source is always <see cref="ReadOnly"/>, and the database enforces it
/// (SQLite <c>Mode=ReadOnly</c>, read-only transactions on the servers), not Ferry's good intentions.
/// </summary>
public enum AccessMode
{
    ReadOnly,
    ReadWrite,
}

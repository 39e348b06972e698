using Ferry.Connections;

namespace Ferry.Errors;

/// <summary>
/// A failure as the database server reported it, kept as data so that Ferry decides by the code and
/// never by the wording, which the server translates (PostgreSQL's lc_messages, MariaDB's lc_messages).
/// </summary>
/// <param name="Engine">The engine that reported it.</param>
/// <param name="Code">
/// The server's own code, as it spells it: PostgreSQL's SQLSTATE (<c>42P07</c>), the MySQL/MariaDB error
/// number (<c>1050</c>), SQLite's extended result code (<c>2067</c>), the Hrana code libSQL sends
/// (<c>SQLITE_CONSTRAINT</c>). The named constants are in each engine's <c>…ErrorCodes</c> class.
/// </param>
/// <param name="Text">The server's message, in the server's language, scrubbed of any secret Ferry knows.</param>
/// <param name="Category">What the code means to Ferry, for decisions made the same way on every engine.</param>
public sealed record ServerError(EngineKind Engine, string Code, string Text, ServerErrorCategory Category)
{
    /// <summary>The table the failure concerns, where the driver names it (PostgreSQL does for many).</summary>
    public string? Table { get; init; }

    /// <summary>The constraint or index the failure concerns, where the driver names it.</summary>
    public string? Constraint { get; init; }
}

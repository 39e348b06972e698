namespace Ferry.Schema;

/// <summary>PostgreSQL: an extension installed in the database (pgcrypto, citext, pg_trgm…), and the schema its objects are in.</summary>
public sealed record Extension(string Name, string Schema);

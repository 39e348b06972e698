namespace Ferry.Engines.Libsql;

/// <summary>
/// Hrana's <c>Error</c> structure: an English message and, where the server has one, a code such as
/// <c>SQLITE_CONSTRAINT</c> or <c>STREAM_EXPIRED</c> (the spec leaves codes to the server).
/// </summary>
internal sealed record HranaError(string Message, string? Code);

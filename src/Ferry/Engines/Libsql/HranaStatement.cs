namespace Ferry.Engines.Libsql;

/// <summary>
/// Hrana's <c>Stmt</c>: one SQL statement (the server refuses several in one text) with positional
/// arguments, encoded by <see cref="HranaValue"/>.
/// </summary>
internal sealed record HranaStatement(string Sql, IReadOnlyList<object?>? Args = null, bool WantRows = true);

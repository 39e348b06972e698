namespace Ferry.Schema;

/// <summary>
/// PostgreSQL: a table whose rows are filtered by its policies (ENABLE ROW LEVEL SECURITY); forced, they bind
/// the table's owner too. A table that lost this in a copy shows every row to every user who may read it.
/// </summary>
public sealed record RowSecurity(string Table, bool Forced);

/// <summary>PostgreSQL: one row-level security policy of <see cref="Table"/>, as a whole CREATE POLICY statement.</summary>
public sealed record Policy(string Table, string Name, string Definition);

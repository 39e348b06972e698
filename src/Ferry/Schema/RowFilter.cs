namespace Ferry.Schema;

/// <summary>
/// Only the rows whose <see cref="Column"/> is at or past <see cref="From"/>: what a sync reads of a table. The
/// bound is a literal in the source's own dialect, written by the source itself (its <c>quote(max(col))</c>),
/// so it compares under the column's own type and collation, as the maximum it came from did.
/// </summary>
public sealed record RowFilter(string Column, string From);

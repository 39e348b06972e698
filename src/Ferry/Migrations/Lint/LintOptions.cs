namespace Ferry.Migrations.Lint;

public sealed record LintOptions
{
    /// <summary>
    /// PostgreSQL: a table with more rows than this (estimated by <c>pg_class.reltuples</c>) is large, and an
    /// index built on it without CONCURRENTLY blocks its writes for long enough to matter.
    /// </summary>
    public long LargeRows { get; init; } = 100_000;
}

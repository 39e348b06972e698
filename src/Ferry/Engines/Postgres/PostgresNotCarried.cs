namespace Ferry.Engines.Postgres;

/// <summary>
/// For a copy into PostgreSQL: what the source holds that the copy does not make, so the report lists it
/// instead of leaving it behind in silence. Each row is a phrase and the names it covers.
/// </summary>
internal static class PostgresNotCarried
{
    private static readonly string Sql = string.Join(" UNION ALL ",
        // Privileges are the target's to decide (its roles may not exist there); ferry grant makes read-only users.
        "SELECT 'privileges (GRANT) on', string_agg(c.relname::text, ', ' ORDER BY c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "  WHERE c.relacl IS NOT NULL AND c.relkind IN ('r', 'p', 'v', 'm') AND " + PostgresCatalogSql.UserRelation,
        "SELECT 'default privileges (ALTER DEFAULT PRIVILEGES) of', string_agg(DISTINCT pg_get_userbyid(a.defaclrole)::text, ', ') FROM pg_default_acl a",
        "SELECT 'aggregates', string_agg(p.proname::text, ', ' ORDER BY p.proname) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace " +
        "  WHERE p.prokind = 'a' AND " + PostgresCatalogSql.UserNamespace("n") + " AND " + PostgresCatalogSql.NotFromExtension("pg_proc", "p.oid"),
        "SELECT 'collations', string_agg(co.collname::text, ', ' ORDER BY co.collname) FROM pg_collation co JOIN pg_namespace n ON n.oid = co.collnamespace " +
        "  WHERE " + PostgresCatalogSql.UserNamespace("n") + " AND " + PostgresCatalogSql.NotFromExtension("pg_collation", "co.oid"),
        "SELECT 'rules', string_agg(r.rulename::text, ', ' ORDER BY r.rulename) FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "  WHERE r.rulename <> '_RETURN' AND " + PostgresCatalogSql.UserRelation,
        "SELECT 'foreign tables', string_agg(c.relname::text, ', ' ORDER BY c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "  WHERE c.relkind = 'f' AND " + PostgresCatalogSql.UserRelation,
        "SELECT 'extended statistics', string_agg(s.stxname::text, ', ' ORDER BY s.stxname) FROM pg_statistic_ext s",
        "SELECT 'event triggers', string_agg(evtname::text, ', ' ORDER BY evtname) FROM pg_event_trigger WHERE " + PostgresCatalogSql.NotFromExtension("pg_event_trigger", "pg_event_trigger.oid"),
        "SELECT 'publications', string_agg(pubname::text, ', ' ORDER BY pubname) FROM pg_publication");

    public static async Task<IReadOnlyList<string>> ReadAsync(ISqlSession session, CancellationToken ct) =>
        (await session.QueryAsync(Sql, ct).ConfigureAwait(false)).Where(r => r[1] is string).Select(r => $"{r[0]} {r[1]}").ToList();
}

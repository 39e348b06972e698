using Ferry.Schema;

namespace Ferry.Engines.Postgres;

/// <summary>
/// For a copy into PostgreSQL: which tables have row-level security on, and their policies as CREATE POLICY
/// statements. Read with the empty search_path of <see cref="PostgresObjectDefinitions"/>, so the expressions
/// name every table and function by its schema.
/// </summary>
internal static class PostgresPolicies
{
    private static readonly string Secured =
        "SELECT c.relname::text, c.relforcerowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "WHERE c.relrowsecurity AND c.relkind IN ('r', 'p') AND " + PostgresCatalogSql.UserRelation + " ORDER BY n.nspname, c.relname";

    // Roles by name (0 is PUBLIC); the command as CREATE POLICY spells it; each expression as the server writes it back.
    private static readonly string Policies =
        "SELECT n.nspname::text, c.relname::text, p.polname::text, p.polpermissive, " +
        "CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END, " +
        "ARRAY(SELECT CASE WHEN r.role = 0 THEN NULL ELSE (SELECT rolname::text FROM pg_roles WHERE oid = r.role) END FROM unnest(p.polroles) AS r(role) ORDER BY 1), " +
        "pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid) " +
        "FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "WHERE " + PostgresCatalogSql.UserRelation + " ORDER BY n.nspname, c.relname, p.polname";

    public static async Task<(IReadOnlyList<RowSecurity>, IReadOnlyList<Policy>)> ReadAsync(ISqlSession session, CancellationToken ct)
    {
        var secured = await session.QueryAsync(Secured, ct).ConfigureAwait(false);
        var policies = await session.QueryAsync(Policies, ct).ConfigureAwait(false);
        return (secured.Select(r => new RowSecurity((string)r[0]!, (bool)r[1]!)).ToList(), policies.Select(ReadPolicy).ToList());
    }

    private static Policy ReadPolicy(object?[] r)
    {
        ISqlDialect d = AnsiDialect.Instance;
        var roles = ((string?[])r[5]!).Select(role => role is null ? "PUBLIC" : d.Quote(role));
        var sql = $"CREATE POLICY {d.Quote((string)r[2]!)} ON {d.Name((string)r[0]!, (string)r[1]!)}" +
            ((bool)r[3]! ? "" : " AS RESTRICTIVE") + $" FOR {r[4]} TO {string.Join(", ", roles)}" +
            (r[6] is string qual ? $" USING ({qual})" : "") + (r[7] is string check ? $" WITH CHECK ({check})" : "");
        return new Policy((string)r[1]!, (string)r[2]!, sql);
    }
}

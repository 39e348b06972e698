using Ferry.Schema;

namespace Ferry.Engines.Postgres;

/// <summary>
/// For a copy into PostgreSQL: the comments on the user's schemas, tables, views, columns, indexes, constraints,
/// triggers, functions and types, each as a COMMENT ON statement. An extension's objects keep the comments
/// CREATE EXTENSION gives them; the public schema's stock comment is not the user's.
/// </summary>
internal static class PostgresComments
{
    // Columns: kind, schema, name (a relation, function or type), the table it belongs to, a column, constraint or
    // trigger name (or a function's arguments), the comment. Relations as the schema read lists them.
    private static readonly string Sql =
        "SELECT CASE WHEN d.objsubid > 0 THEN 'COLUMN' ELSE CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'i' THEN 'INDEX' ELSE 'TABLE' END END, " +
        "  n.nspname::text, c.relname::text, coalesce(it.relname, c.relname)::text, a.attname::text, d.description " +
        "FROM pg_description d JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND c.oid = d.objoid JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0 " +
        "LEFT JOIN pg_index i ON i.indexrelid = c.oid LEFT JOIN pg_class it ON it.oid = i.indrelid " +
        "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'i') AND NOT c.relispartition AND " + PostgresCatalogSql.UserRelation + " " +
        "UNION ALL SELECT CASE WHEN co.contype IS NOT NULL THEN 'CONSTRAINT' ELSE 'TRIGGER' END, n.nspname::text, c.relname::text, c.relname::text, " +
        "  coalesce(co.conname, t.tgname)::text, d.description " +
        "FROM pg_description d LEFT JOIN pg_constraint co ON d.classoid = 'pg_constraint'::regclass AND co.oid = d.objoid AND co.conrelid <> 0 " +
        "LEFT JOIN pg_trigger t ON d.classoid = 'pg_trigger'::regclass AND t.oid = d.objoid AND NOT t.tgisinternal " +
        "JOIN pg_class c ON c.oid = coalesce(co.conrelid, t.tgrelid) JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "WHERE " + PostgresCatalogSql.UserRelation + " " +
        "UNION ALL SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, pn.nspname::text, p.proname::text, " +
        "  " + PostgresCatalogSql.Signature("p") + ", pg_get_function_identity_arguments(p.oid), d.description " +
        "FROM pg_description d JOIN pg_proc p ON d.classoid = 'pg_proc'::regclass AND p.oid = d.objoid JOIN pg_namespace pn ON pn.oid = p.pronamespace " +
        "WHERE " + PostgresCatalogSql.UserFunction + " " +
        "UNION ALL SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, n.nspname::text, t.typname::text, t.typname::text, NULL, d.description " +
        "FROM pg_description d JOIN pg_type t ON d.classoid = 'pg_type'::regclass AND t.oid = d.objoid JOIN pg_namespace n ON n.oid = t.typnamespace " +
        "WHERE t.typtype IN ('e', 'd') AND " + PostgresCatalogSql.UserNamespace("n") + " AND " + PostgresCatalogSql.NotFromExtension("pg_type", "t.oid") + " " +
        "UNION ALL SELECT 'SCHEMA', n.nspname::text, n.nspname::text, n.nspname::text, NULL, d.description " +
        "FROM pg_description d JOIN pg_namespace n ON d.classoid = 'pg_namespace'::regclass AND n.oid = d.objoid " +
        "WHERE " + PostgresCatalogSql.UserNamespace("n") + " AND NOT (n.nspname = 'public' AND d.description = 'standard public schema') " +
        "  AND " + PostgresCatalogSql.NotFromExtension("pg_namespace", "n.oid") + " " +
        "ORDER BY 1, 2, 3, 5";

    public static async Task<IReadOnlyList<Comment>> ReadAsync(ISqlSession session, CancellationToken ct) =>
        (await session.QueryAsync(Sql, ct).ConfigureAwait(false)).Select(Read).ToList();

    private static Comment Read(object?[] r)
    {
        ISqlDialect d = AnsiDialect.Instance;
        var (kind, schema, name, table, part, text) = ((string)r[0]!, (string)r[1]!, (string)r[2]!, (string)r[3]!, r[4] as string, (string)r[5]!);
        var (what, shown) = kind switch
        {
            "COLUMN" => ($"{d.Name(schema, name)}.{d.Quote(part!)}", $"column {name}.{part}"),
            "CONSTRAINT" or "TRIGGER" => ($"{d.Quote(part!)} ON {d.Name(schema, name)}", $"{kind.ToLowerInvariant()} {part} on {name}"),
            "FUNCTION" or "PROCEDURE" => ($"{d.Name(schema, name)}({part})", $"{kind.ToLowerInvariant()} {table}"),
            "SCHEMA" => (d.Quote(name), $"schema {name}"),
            _ => (d.Name(schema, name), $"{kind.ToLowerInvariant()} {name}"),
        };
        return new Comment(table, "comment on " + shown, $"COMMENT ON {kind} {what} IS {d.QuoteLiteral(text)}");
    }
}

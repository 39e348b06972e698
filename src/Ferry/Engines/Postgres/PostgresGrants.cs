namespace Ferry.Engines.Postgres;

/// <summary>The SQL of a read-only PostgreSQL login, and of the question whether the connected user can write: text only, no connection.</summary>
internal static class PostgresGrants
{
    /// <summary>The schemas a read-only login is given: every one but PostgreSQL's own.</summary>
    public const string SchemasSql = "SELECT nspname FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema' ORDER BY nspname";

    /// <param name="schemas">Each gets USAGE, SELECT on its tables and sequences now, and on those the granting role makes later.</param>
    public static IReadOnlyList<string> CreateReadOnly(string role, string password, string database, IEnumerable<string> schemas)
    {
        var d = AnsiDialect.Instance;
        var r = d.Quote(role);
        var statements = new List<string>
        {
            $"CREATE ROLE {r} LOGIN PASSWORD {d.QuoteLiteral(password)}",
            // A second belt: its sessions start read-only, so a write needs its privileges and an explicit READ WRITE.
            $"ALTER ROLE {r} SET default_transaction_read_only = on",
            $"GRANT CONNECT ON DATABASE {d.Quote(database)} TO {r}",
        };
        foreach (var schema in schemas)
        {
            var s = d.Quote(schema);
            statements.Add($"GRANT USAGE ON SCHEMA {s} TO {r}");
            statements.Add($"GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {r}");
            statements.Add($"GRANT SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {r}");
            statements.Add($"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT SELECT ON TABLES TO {r}");
            statements.Add($"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT SELECT ON SEQUENCES TO {r}");
        }
        return statements;
    }

    /// <summary>
    /// Every way the connected user may write that its privileges show, one line each: superuser, roles and databases
    /// it may create, CREATE on the database or a schema, INSERT/UPDATE/DELETE/TRUNCATE on a table, nextval/setval on a
    /// sequence. (A SECURITY DEFINER function that writes is a way this cannot see.)
    /// </summary>
    public const string WaysToWriteSql = """
        SELECT 'superuser' FROM pg_roles WHERE rolname = current_user AND rolsuper
        UNION ALL SELECT 'CREATEROLE' FROM pg_roles WHERE rolname = current_user AND rolcreaterole
        UNION ALL SELECT 'CREATEDB' FROM pg_roles WHERE rolname = current_user AND rolcreatedb
        UNION ALL SELECT 'CREATE on database ' || quote_ident(current_database()) WHERE has_database_privilege(current_database(), 'CREATE')
        UNION ALL SELECT 'CREATE on schema ' || quote_ident(nspname) FROM pg_namespace
            WHERE nspname !~ '^pg_' AND nspname <> 'information_schema' AND has_schema_privilege(oid, 'CREATE')
        UNION ALL SELECT * FROM (
            SELECT p || ' on ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) p
            WHERE c.relkind IN ('r', 'p', 'v', 'f') AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
              AND has_table_privilege(c.oid, p)
            UNION ALL
            SELECT p || ' on sequence ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN unnest(ARRAY['USAGE', 'UPDATE']) p
            WHERE c.relkind = 'S' AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
              AND has_sequence_privilege(c.oid, p)
            ORDER BY 1) objects
        """;

    /// <summary>The writes tried (each rolled back): a table in the first schema on the search path, and a DELETE that matches no row.</summary>
    public const string ProbeTargetsSql = """
        SELECT quote_ident(current_schema()),
               (SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p') AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' ORDER BY 1 LIMIT 1)
        """;

    public static IEnumerable<string> Probes(string? schema, string? table)
    {
        if (schema is not null) yield return $"CREATE TABLE {schema}.ferry_grant_probe (x integer)";
        if (table is not null) yield return $"DELETE FROM {table} WHERE false";
    }
}

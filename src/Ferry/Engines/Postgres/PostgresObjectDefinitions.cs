using Ferry.Schema;

namespace Ferry.Engines.Postgres;

/// <summary>
/// For a copy into PostgreSQL: the source's views, materialized views, functions and triggers as whole CREATE
/// statements, with its extensions, row-level security, policies and comments, and a list of what is not carried.
/// They are read with an empty search_path, so the server qualifies every name it writes into
/// them by its schema and they mean in the target what they meant in the source, whatever its search_path.
/// </summary>
internal static class PostgresObjectDefinitions
{
    // Column 5: the relations the view's rule reads, its own excepted (tables, views), which order it after the views it reads.
    private static readonly string Views =
        "SELECT n.nspname::text, c.relname::text, c.relkind = 'm', pg_get_viewdef(c.oid), coalesce(array_to_string(c.reloptions, ', '), ''), " +
        "ARRAY(SELECT DISTINCT rc.relname::text FROM pg_rewrite r JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid " +
        "  JOIN pg_class rc ON rc.oid = d.refobjid AND d.refclassid = 'pg_class'::regclass WHERE r.ev_class = c.oid AND rc.oid <> c.oid ORDER BY 1) " +
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "WHERE c.relkind IN ('v', 'm') AND " + PostgresCatalogSql.UserRelation + " ORDER BY c.oid";

    // Plain functions and procedures (pg_get_functiondef cannot write an aggregate), none an extension made; in the order they were made;
    // with whether a table's row type is among the types they depend on (their arguments and result).
    private static readonly string Functions =
        "SELECT pn.nspname::text, p.proname::text || '(' || pg_get_function_identity_arguments(p.oid) || ')', pg_get_functiondef(p.oid), " +
        "EXISTS (SELECT 1 FROM pg_depend dt JOIN pg_type t ON dt.refclassid = 'pg_type'::regclass AND t.oid = dt.refobjid " +
        "  WHERE dt.classid = 'pg_proc'::regclass AND dt.objid = p.oid AND t.typrelid <> 0) " +
        "FROM pg_proc p JOIN pg_namespace pn ON pn.oid = p.pronamespace " +
        "WHERE " + PostgresCatalogSql.UserFunction + " ORDER BY p.oid";

    // As the schema read lists them (no foreign-key internals, no partition clones), with the function each runs.
    private static readonly string Triggers =
        "SELECT t.tgname::text, c.relname::text, pg_get_triggerdef(t.oid), " + PostgresCatalogSql.Signature("p") + ", t.tgenabled::text, n.nspname::text " +
        "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_namespace pn ON pn.oid = p.pronamespace " +
        "WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND " + PostgresCatalogSql.UserRelation + " ORDER BY n.nspname, c.relname, t.tgname";

    // Materialized views' indexes, by view, as pg_get_indexdef writes them (qualified under the empty search_path).
    private static readonly string ViewIndexes =
        "SELECT c.relname::text, i.relname::text, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid " +
        "JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "WHERE c.relkind = 'm' AND " + PostgresCatalogSql.UserRelation + " ORDER BY c.relname, i.relname";

    // Every extension but plpgsql, which every database has; in the order installed, so one another needs comes first.
    private const string Extensions =
        "SELECT e.extname::text, n.nspname::text FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' ORDER BY e.oid";

    public static Task<DatabaseSchema> ReadAsync(PostgresDatabase database, DatabaseSchema schema, CancellationToken ct) =>
        database.InSnapshotAsync(async token =>
        {
            // Local to the snapshot's transaction, which ends in a rollback: the session's own path comes back.
            await database.QueryAsync("SELECT set_config('search_path', '', true)", token).ConfigureAwait(false);
            var views = await database.QueryAsync(Views, token).ConfigureAwait(false);
            var viewIndexes = (await database.QueryAsync(ViewIndexes, token).ConfigureAwait(false))
                .Select(r => new ViewIndex((string)r[0]!, (string)r[1]!, (string)r[2]!)).ToLookup(i => i.View, StringComparer.Ordinal);
            var functions = await database.QueryAsync(Functions, token).ConfigureAwait(false);
            var triggers = await database.QueryAsync(Triggers, token).ConfigureAwait(false);
            var extensions = await database.QueryAsync(Extensions, token).ConfigureAwait(false);
            var (secured, policies) = await PostgresPolicies.ReadAsync(database, token).ConfigureAwait(false);
            return schema with
            {
                Extensions = extensions.Select(r => new Extension((string)r[0]!, (string)r[1]!)).ToList(),
                RowSecurity = secured,
                Policies = policies,
                Comments = await PostgresComments.ReadAsync(database, token).ConfigureAwait(false),
                NotCarried = await PostgresNotCarried.ReadAsync(database, token).ConfigureAwait(false),
                Views = ViewOrder.Of(views.Select(ReadView).Select(v => v with { Indexes = viewIndexes[v.Name].ToList() }).ToList()),
                Functions = functions.Select(r => new Function((string)r[0]!, (string)r[1]!, WithoutReplace((string)r[2]!)) { NeedsTables = (bool)r[3]! }).ToList(),
                Triggers = triggers.Select(r => new Trigger((string)r[0]!, (string)r[1]!, (string)r[2]! + Firing(r)) { Function = (string)r[3]! }).ToList(),
            };
        }, ct);

    /// <summary>
    /// CREATE VIEW or CREATE MATERIALIZED VIEW … WITH DATA (its rows computed from the loaded tables), with
    /// the options the view was made with (security_barrier, check_option).
    /// </summary>
    private static View ReadView(object?[] r)
    {
        ISqlDialect d = AnsiDialect.Instance;
        var materialized = (bool)r[2]!;
        var options = (string)r[4]! is { Length: > 0 } o ? $" WITH ({o})" : "";
        var body = ((string)r[3]!).Trim().TrimEnd(';');
        var create = $"CREATE {(materialized ? "MATERIALIZED VIEW" : "VIEW")} {d.Name((string)r[0]!, (string)r[1]!)}{options} AS\n{body}{(materialized ? "\nWITH DATA" : "")}";
        return new View((string)r[0]!, (string)r[1]!, create) { Materialized = materialized, Reads = (string[])r[5]! };
    }

    /// <summary>
    /// A trigger the source has switched off (or set to fire only for replication, or always) is made the same way:
    /// CREATE TRIGGER alone would make it fire on the target where it did not on the source.
    /// </summary>
    private static string Firing(object?[] r)
    {
        ISqlDialect d = AnsiDialect.Instance;
        var state = (string)r[4]! switch { "D" => "DISABLE", "R" => "ENABLE REPLICA", "A" => "ENABLE ALWAYS", _ => null };
        return state is null ? "" : $";\nALTER TABLE {d.Name((string)r[5]!, (string)r[1]!)} {state} TRIGGER {d.Quote((string)r[0]!)}";
    }

    /// <summary>
    /// pg_get_functiondef writes CREATE OR REPLACE: run as it is, it would overwrite a target's function of
    /// the same signature without a word. Plain CREATE makes the target refuse it, and the copy say so.
    /// </summary>
    private static string WithoutReplace(string definition) =>
        definition.StartsWith("CREATE OR REPLACE ", StringComparison.Ordinal) ? "CREATE " + definition["CREATE OR REPLACE ".Length..] : definition;
}

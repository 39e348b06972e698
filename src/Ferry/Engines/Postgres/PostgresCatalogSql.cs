namespace Ferry.Engines.Postgres;

/// <summary>
/// The catalog queries behind <see cref="PostgresSchemaReader"/>: one per kind of fact, each over
/// every user table at once, so reading a schema costs the same few round trips however large it is.
/// </summary>
internal static class PostgresCatalogSql
{
    // Users cannot create schemas named pg_*: this excludes pg_catalog, pg_toast*, pg_temp_* and
    // their kin without listing them. Objects an extension created (PostGIS's spatial_ref_sys,
    // pg_stat_statements' view) come back with CREATE EXTENSION, so they are not the user's to copy.
    internal static string UserNamespace(string alias) => $"{alias}.nspname !~ '^pg_' AND {alias}.nspname <> 'information_schema'";

    /// <summary>The object <paramref name="oid"/> of catalog <paramref name="catalog"/> was not made by CREATE EXTENSION.</summary>
    internal static string NotFromExtension(string catalog, string oid) =>
        $"NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '{catalog}'::regclass AND e.objid = {oid} AND e.deptype = 'e')";

    internal static readonly string UserRelation = UserNamespace("n") + " AND " + NotFromExtension("pg_class", "c.oid");

    /// <summary>The user's plain functions and procedures (pg_proc p in namespace pn): pg_get_functiondef cannot write an aggregate.</summary>
    /// <summary>A function's key, for <paramref name="proc"/> joined to its namespace as <c>pn</c>: its qualified name with its argument types, which tell overloads apart.</summary>
    internal static string Signature(string proc) =>
        $"pn.nspname::text || '.' || {proc}.proname::text || '(' || pg_get_function_identity_arguments({proc}.oid) || ')'";

    internal static readonly string UserFunction = "p.prokind IN ('f', 'p') AND " + UserNamespace("pn") + " AND " + NotFromExtension("pg_proc", "p.oid");

    // A partition's rows are counted and read through its partitioned parent, which is the one
    // table a copy recreates; listing partitions too would copy every row twice.
    private static readonly string UserTables =
        "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND " + UserRelation;

    public const string Database =
        "SELECT current_setting('server_version'), pg_database_size(current_database()), " +
        "(SELECT count(*) FROM pg_stat_activity WHERE datname = current_database())";

    // A partitioned table has no storage of its own: its size is its partitions'.
    public static readonly string Tables =
        "SELECT c.oid::bigint, n.nspname::text, c.relname::text, c.relkind::text, " +
        "CASE WHEN c.relkind = 'p' THEN (SELECT coalesce(sum(pg_total_relation_size(p.relid)), 0) FROM pg_partition_tree(c.oid) p)::bigint " +
        "ELSE pg_total_relation_size(c.oid) END " +
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "WHERE c.oid IN (" + UserTables + ")";

    // Columns 3 and 4: the type as declared, then (for a domain) its base type, which is what the
    // values are. Column 9: serial, i.e. the default reads a sequence that the column owns.
    public static readonly string Columns =
        "SELECT a.attrelid::bigint, a.attname::text, format_type(a.atttypid, a.atttypmod), " +
        "CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) ELSE format_type(a.atttypid, a.atttypmod) END, " +
        "a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attgenerated::text, a.attidentity::text, " +
        "CASE WHEN a.attcollation NOT IN (0, 100) THEN co.collname::text END, " +
        "EXISTS (SELECT 1 FROM pg_depend own JOIN pg_class s ON s.oid = own.objid AND s.relkind = 'S' " +
        "  JOIN pg_depend reader ON reader.classid = 'pg_attrdef'::regclass AND reader.objid = d.oid " +
        "    AND reader.refclassid = 'pg_class'::regclass AND reader.refobjid = s.oid " +
        "  WHERE own.classid = 'pg_class'::regclass AND own.refclassid = 'pg_class'::regclass " +
        "    AND own.refobjid = a.attrelid AND own.refobjsubid = a.attnum AND own.deptype = 'a') " +
        "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid " +
        "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum " +
        "LEFT JOIN pg_collation co ON co.oid = a.attcollation " +
        "WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attrelid IN (" + UserTables + ") " +
        "ORDER BY a.attrelid, a.attnum";

    private static string KeyNames(string keys, string relation) =>
        $"ARRAY(SELECT a.attname::text FROM unnest({keys}) WITH ORDINALITY k(num, ord) " +
        $"JOIN pg_attribute a ON a.attrelid = {relation} AND a.attnum = k.num ORDER BY k.ord)";

    // conparentid = 0 drops the copies PostgreSQL makes of a foreign key for each partition of the
    // table it references. Checks come from conbin: the same text pg_get_constraintdef wraps in CHECK (...).
    public static readonly string Constraints =
        "SELECT con.conrelid::bigint, con.conname::text, con.contype::text, " + KeyNames("con.conkey", "con.conrelid") + ", " +
        "fn.nspname::text, fc.relname::text, " + KeyNames("con.confkey", "con.confrelid") + ", " +
        "con.confdeltype::text, con.confupdtype::text, pg_get_expr(con.conbin, con.conrelid) " +
        "FROM pg_constraint con LEFT JOIN pg_class fc ON fc.oid = con.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace " +
        "WHERE con.contype IN ('p', 'u', 'f', 'c') AND con.conparentid = 0 AND con.conrelid IN (" + UserTables + ") " +
        "ORDER BY con.conrelid, con.conname";

    // indkey holds 0 for an expression key part; INCLUDE columns (past indnkeyatts) are not keys.
    // A foreign key's conindid names the referenced table's index, hence the conrelid match.
    public static readonly string Indexes =
        "SELECT i.indrelid::bigint, ic.relname::text, i.indisunique, pg_get_expr(i.indpred, i.indrelid), pg_get_indexdef(i.indexrelid), " +
        "ARRAY(SELECT CASE WHEN i.indkey[k] = 0 THEN NULL ELSE " +
        "  (SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[k]) END " +
        "  FROM generate_series(0, i.indnkeyatts - 1) k ORDER BY k), " +
        "EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')) " +
        "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid " +
        "WHERE i.indrelid IN (" + UserTables + ") " +
        "ORDER BY i.indrelid, ic.relname";

    // Every namespace of the user's, empty ones too: a copy tells the schemas it made from the ones it found.
    public const string Schemas =
        "SELECT nspname::text FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema' ORDER BY nspname";

    public static readonly string Views =
        "SELECT n.nspname::text, c.relname::text, pg_get_viewdef(c.oid, true) " +
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "WHERE c.relkind = 'v' AND " + UserRelation + " ORDER BY n.nspname, c.relname";

    // tgisinternal marks the triggers that implement foreign keys; tgparentid the clones on partitions.
    public static readonly string Triggers =
        "SELECT t.tgname::text, c.relname::text, pg_get_triggerdef(t.oid, true) " +
        "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND " + UserRelation + " ORDER BY n.nspname, c.relname, t.tgname";

    // last_value is null for a sequence never used (or not readable by this user). deptype 'a' is
    // serial's OWNED BY, 'i' an identity column's own sequence.
    // Column 5: the options as CREATE SEQUENCE and an identity's ( … ) take them; 6: whether its state can be read.
    public static readonly string Sequences =
        "SELECT s.schemaname::text, s.sequencename::text, s.last_value, t.relname::text, a.attname::text, " +
        "'START WITH ' || s.start_value || ' INCREMENT BY ' || s.increment_by || ' MINVALUE ' || s.min_value || " +
        "' MAXVALUE ' || s.max_value || ' CACHE ' || s.cache_size || CASE WHEN s.cycle THEN ' CYCLE' ELSE ' NO CYCLE' END, " +
        "has_sequence_privilege(c.oid, 'SELECT') " +
        "FROM pg_sequences s JOIN pg_namespace n ON n.nspname = s.schemaname " +
        "JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = s.sequencename " +
        "LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid " +
        "  AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i') " +
        "LEFT JOIN pg_class t ON t.oid = d.refobjid " +
        "LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid " +
        "WHERE " + UserRelation + " ORDER BY s.schemaname, s.sequencename";

    // The types the tables' columns are declared with, followed through array elements and domain bases;
    // kept: enums and domains outside pg_catalog, and any type an extension made (citext). An extension's
    // first, then enums, then domains in the order they were made (a domain over a domain after its base).
    public static readonly string Types =
        "WITH RECURSIVE used(oid) AS (" +
        "  SELECT a.atttypid FROM pg_attribute a WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attrelid IN (" + UserTables + ") " +
        "  UNION SELECT CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.typbasetype END FROM used u JOIN pg_type t ON t.oid = u.oid " +
        "  WHERE t.typcategory = 'A' OR t.typtype = 'd') " +
        "SELECT n.nspname::text, t.typname::text, t.typtype::text, " +
        "ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder), " +
        "CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END, t.typdefault, t.typnotnull, " +
        "ARRAY(SELECT c.conname::text FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname), " +
        "ARRAY(SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname), " +
        "x.extname::text " +
        "FROM (SELECT DISTINCT oid FROM used) u JOIN pg_type t ON t.oid = u.oid JOIN pg_namespace n ON n.oid = t.typnamespace " +
        "LEFT JOIN pg_depend dep ON dep.classid = 'pg_type'::regclass AND dep.objid = t.oid AND dep.refclassid = 'pg_extension'::regclass AND dep.deptype = 'e' " +
        "LEFT JOIN pg_extension x ON x.oid = dep.refobjid " +
        "WHERE x.oid IS NOT NULL OR (t.typtype IN ('e', 'd') AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema') " +
        "ORDER BY x.oid IS NULL, t.typtype <> 'e', t.oid";
}

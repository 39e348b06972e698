using Ferry.Copy;
using Ferry.Ddl;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>
/// PostgreSQL to PostgreSQL (a Supabase schema moved or backed up): extensions in the schema they had, row-level
/// security with its policies, and comments arrive; what the copy does not make (grants, a sequence of the
/// application's own) is named in a warning; --online builds indexes concurrently. Each compared by the catalogs.
/// </summary>
public sealed class PostgresSecurityCopyTests
{
    internal static string Source(string role) => $"""
        CREATE SCHEMA extensions;
        COMMENT ON SCHEMA extensions IS 'Supabase keeps extensions here';
        CREATE EXTENSION pgcrypto WITH SCHEMA extensions;
        CREATE EXTENSION citext;
        CREATE TABLE notes (id uuid PRIMARY KEY DEFAULT extensions.gen_random_uuid(), owner text NOT NULL, email citext, body text);
        COMMENT ON TABLE notes IS 'Each user''s notes';
        COMMENT ON COLUMN notes.body IS 'Markdown, may quote '' and \';
        CREATE INDEX notes_owner ON notes (owner);
        COMMENT ON INDEX notes_owner IS 'by owner';
        COMMENT ON CONSTRAINT notes_pkey ON notes IS 'the key';
        ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
        ALTER TABLE notes FORCE ROW LEVEL SECURITY;
        CREATE POLICY own_notes ON notes FOR SELECT TO {role} USING (owner = current_user);
        CREATE POLICY no_empty ON notes AS RESTRICTIVE FOR INSERT TO PUBLIC WITH CHECK (length(body) > 0);
        CREATE TABLE plain (id int PRIMARY KEY);
        CREATE FUNCTION public.note_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM public.notes';
        COMMENT ON FUNCTION public.note_count() IS 'how many notes';
        GRANT SELECT ON notes TO {role};
        CREATE SEQUENCE invoice_numbers START WITH 100 INCREMENT BY 10;
        SELECT nextval('invoice_numbers'), nextval('invoice_numbers');
        CREATE TABLE invoices (number bigint PRIMARY KEY DEFAULT nextval('invoice_numbers'), note text);
        INSERT INTO invoices (note) VALUES ('first');
        INSERT INTO notes (owner, email, body) VALUES ('ada', 'Ada@Example.com', 'hi'), ('bob', 'bob@example.com', 'yo');
        INSERT INTO plain VALUES (1);
        """;

    /// <summary>Catalog queries, each the same on source and target when the object arrived.</summary>
    internal static readonly string[] Catalog =
    [
        "SELECT extname::text || ' in ' || extnamespace::regnamespace::text FROM pg_extension ORDER BY 1",
        "SELECT relname::text || ' rls:' || relrowsecurity::text || ' forced:' || relforcerowsecurity::text FROM pg_class WHERE relname IN ('notes', 'plain') ORDER BY 1",
        "SELECT policyname::text || ' ' || permissive || ' ' || cmd || ' ' || array_to_string(roles, ',') || ' using:' || coalesce(qual, '') || ' check:' || coalesce(with_check, '') FROM pg_policies ORDER BY 1",
        "SELECT coalesce(c.relname::text, n.nspname::text, p.proname::text, co.conname::text) || '.' || d.objsubid::text || ': ' || d.description FROM pg_description d " +
        "LEFT JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND c.oid = d.objoid LEFT JOIN pg_namespace n ON d.classoid = 'pg_namespace'::regclass AND n.oid = d.objoid " +
        "LEFT JOIN pg_proc p ON d.classoid = 'pg_proc'::regclass AND p.oid = d.objoid LEFT JOIN pg_constraint co ON d.classoid = 'pg_constraint'::regclass AND co.oid = d.objoid " +
        "WHERE coalesce(c.relnamespace, n.oid, p.pronamespace, co.connamespace)::regnamespace::text IN ('public', 'extensions') AND d.description <> 'standard public schema' " +
        "AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = d.objoid AND e.deptype = 'e') ORDER BY 1",
        "SELECT owner || ' ' || email::text || ' ' || body FROM notes ORDER BY owner",
    ];

    [Fact]
    public async Task ExtensionsRowSecurityPoliciesAndCommentsArriveAndWhatDoesNotIsNamed()
    {
        var role = $"ferry_reader_{Guid.NewGuid():N}";
        await using var source = await ScratchDatabase.PostgresAsync();
        await using var target = await ScratchDatabase.PostgresAsync();
        await CopyHarness.ExecuteAsync(source.Target, $"CREATE ROLE {role} NOLOGIN");
        try
        {
            await CopyHarness.ExecuteAsync(source.Target, Source(role));

            var report = await CopyHarness.CopyAsync(source.Target, target.Target);

            Assert.Empty(report.Problems);
            Assert.All(report.Steps, o => Assert.True(o.Status == StepStatus.Done, $"{o.Step.Object}: {o.Status} {o.Error}"));
            var made = report.Steps.Where(o => o.Step.Kind is StepKind.CreateSchema or StepKind.CreateExtension or StepKind.EnableRowSecurity or StepKind.CreatePolicy)
                .Select(o => o.Step.Sql).ToList();
            Assert.Equal([
                "CREATE SCHEMA IF NOT EXISTS \"extensions\"",
                "CREATE EXTENSION IF NOT EXISTS \"pgcrypto\" WITH SCHEMA \"extensions\"",
                "CREATE EXTENSION IF NOT EXISTS \"citext\" WITH SCHEMA \"public\"",
                "ALTER TABLE \"public\".\"notes\" ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY",
                "CREATE POLICY \"no_empty\" ON \"public\".\"notes\" AS RESTRICTIVE FOR INSERT TO PUBLIC WITH CHECK ((length(body) > 0))",
                $"CREATE POLICY \"own_notes\" ON \"public\".\"notes\" FOR SELECT TO \"{role}\" USING ((owner = CURRENT_USER))",
            ], made);
            Assert.Contains(report.Steps, o => o.Step.Sql == "COMMENT ON COLUMN \"public\".\"notes\".\"body\" IS 'Markdown, may quote '' and \\'");
            Assert.Equal("Not carried into the target (make them there by hand if it needs them): privileges (GRANT) on notes.", Assert.Single(report.Warnings));
            // The application's own counter, which a default names, is made before its table and goes on where the source's stands.
            Assert.Equal("CREATE SEQUENCE \"public\".\"invoice_numbers\" START WITH 100 INCREMENT BY 10 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1 NO CYCLE;\nSELECT setval('\"public\".\"invoice_numbers\"', 120, true)",
                report.Steps.Single(o => o.Step.Kind == StepKind.CreateSequence).Step.Sql);
            await CopyHarness.ExecuteAsync(target.Target, "INSERT INTO invoices (note) VALUES ('second')");
            Assert.Equal(["120 first", "130 second"], await TextsAsync(target.Target, "SELECT number::text || ' ' || note FROM invoices ORDER BY number"));

            foreach (var query in Catalog)
            {
                var expected = await TextsAsync(source.Target, query);
                Assert.NotEmpty(expected);
                Assert.Equal(expected, await TextsAsync(target.Target, query));
            }
            Assert.Equal(["extensions.0: Supabase keeps extensions here", "note_count.0: how many notes", "notes.0: Each user's notes", "notes.4: Markdown, may quote ' and \\",
                "notes_owner.0: by owner", "notes_pkey.0: the key"], await TextsAsync(target.Target, Catalog[3]));
            // The policies filter on the target: granted what the warning says was not carried, the role sees no one's notes but its own.
            await CopyHarness.ExecuteAsync(target.Target, $"GRANT SELECT ON notes TO {role}");
            Assert.Equal(["0 of 2"], await TextsAsync(target.Target, $"SET ROLE {role}; SELECT count(*)::text || ' of 2' FROM notes"));
        }
        finally
        {
            // A role is the server's: what refers to it in either database goes first (DROP OWNED also revokes and drops its policies).
            await CopyHarness.ExecuteAsync(target.Target, $"DROP OWNED BY {role}");
            await CopyHarness.ExecuteAsync(source.Target, $"DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }

    [Fact]
    public async Task OnlineBuildsEveryIndexConcurrentlyAndTheyAreValid()
    {
        await using var source = await ScratchDatabase.PostgresAsync();
        await using var target = await ScratchDatabase.PostgresAsync();
        await CopyHarness.ExecuteAsync(source.Target, """
            CREATE TABLE events (id int PRIMARY KEY, kind text, at timestamptz);
            CREATE INDEX events_kind ON events (kind);
            CREATE UNIQUE INDEX events_at ON events (at) WHERE kind = 'tick';
            INSERT INTO events SELECT g, CASE WHEN g % 2 = 0 THEN 'tick' ELSE 'tock' END, '2024-01-01'::timestamptz + g * interval '1 minute' FROM generate_series(1, 1000) g;
            """);

        var report = await CopyHarness.CopyAsync(source.Target, target.Target, new CopyOptions { Online = true });

        Assert.Empty(report.Problems);
        Assert.Equal([
            "CREATE INDEX CONCURRENTLY \"events_kind\" ON \"public\".\"events\" (\"kind\")",
            "CREATE UNIQUE INDEX CONCURRENTLY \"events_at\" ON \"public\".\"events\" (\"at\") WHERE (kind = 'tick'::text)",
        ], report.Steps.Where(o => o.Step.Kind == StepKind.CreateIndex).OrderBy(o => o.Step.Object, StringComparer.Ordinal).Select(o => o.Step.Sql));
        // A concurrent build that fails leaves an invalid index behind; these are whole.
        Assert.Equal(["events_at true", "events_kind true", "events_pkey true"],
            await TextsAsync(target.Target, "SELECT indexrelid::regclass::text || ' ' || indisvalid::text FROM pg_index WHERE indrelid = 'events'::regclass ORDER BY 1"));
    }

    internal static async Task<List<string>> TextsAsync(Ferry.Connections.ConnectionTarget at, string sql) =>
        (await CopyHarness.RowsAsync(at, sql)).Select(r => (string)r[0]!).ToList();
}

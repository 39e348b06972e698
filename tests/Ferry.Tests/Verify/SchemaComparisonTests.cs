using Ferry.Connections;
using Ferry.Engines;
using Ferry.Tests.Copy;
using Ferry.Tests.Support;
using Ferry.Verify;
using Xunit;

namespace Ferry.Tests.Verify;

/// <summary>
/// The shape of a copy: a copy Ferry made verifies with no schema difference on each engine, and each thing a
/// target lost afterwards (an index, a unique key, a foreign key, a column, a type, a NOT NULL) is named exactly, and nothing else.
/// </summary>
public sealed class SchemaComparisonTests : IAsyncLifetime
{
    // Every kind of thing verify compares: declared types a copy maps (INTEGER, REAL, JSON, DATETIME, BOOLEAN,
    // VARCHAR(n), NUMERIC(p,s)), NOT NULL, a composite primary key, a UNIQUE constraint, a unique and a plain index,
    // foreign keys, a check.
    private const string Schema = """
        CREATE TABLE author (id INTEGER PRIMARY KEY, email VARCHAR(80) NOT NULL UNIQUE, name TEXT NOT NULL, born DATE);
        CREATE TABLE post (
          id INTEGER PRIMARY KEY,
          author_id INTEGER NOT NULL REFERENCES author(id),
          title TEXT NOT NULL,
          score REAL,
          price NUMERIC(10,2) CHECK (price >= 0),
          published BOOLEAN NOT NULL DEFAULT 0,
          meta JSON,
          made DATETIME NOT NULL,
          body BLOB);
        CREATE INDEX post_made ON post (made);
        CREATE UNIQUE INDEX post_title ON post (author_id, title);
        CREATE TABLE tag (post_id INTEGER NOT NULL REFERENCES post(id), name TEXT NOT NULL, PRIMARY KEY (post_id, name));
        -- A foreign key no index leads with: MySQL makes one for it, which is the server's, not a difference.
        CREATE TABLE comment (id INTEGER PRIMARY KEY, post_id INTEGER NOT NULL REFERENCES post(id), body TEXT);
        INSERT INTO author VALUES (1, 'a@example.com', 'Ann', '1990-01-02'), (2, 'b@example.com', 'Bo', NULL);
        INSERT INTO post VALUES (1, 1, 'first', 1.5, 9.99, 1, '{"a": 1}', '2024-01-02 03:04:05', X'00'),
                                (2, 2, 'second', NULL, 0, 0, NULL, '2024-02-03 04:05:06', NULL);
        INSERT INTO tag VALUES (1, 'x'), (1, 'y'), (2, 'x');
        INSERT INTO comment VALUES (1, 2, 'hi');
        """;

    private SqliteSource _sqlite = null!;

    public async Task InitializeAsync() => _sqlite = await SqliteSource.CreateAsync(Schema);

    public Task DisposeAsync()
    {
        _sqlite.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("mysql")]
    [InlineData("sqld")]
    [InlineData("sqlite")]
    public async Task ACopyFromSqliteHasTheShapeOfItsSource(string engine)
    {
        await using var target = await ScratchDatabase.ForEngineAsync(engine);
        await CopyHarness.CopyAsync(_sqlite.Target, target.Target);
        var report = await VerifyAsync(_sqlite.Target, target.Target);
        Assert.Equal([], Lines(report));
        Assert.True(report.Same);
    }

    [Fact]
    public async Task ACopyFromPostgresHasTheShapeOfItsSource()
    {
        await using var postgres = await ScratchDatabase.PostgresAsync();
        await CopyHarness.CopyAsync(_sqlite.Target, postgres.Target);
        // A PostgreSQL source of its own kinds: integer, varchar, timestamptz, jsonb, numeric, uuid (which MySQL holds
        // as char(36) and reads back as text), a named check.
        await CopyHarness.ExecuteAsync(postgres.Target, """
            CREATE TABLE native (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, code varchar(12) NOT NULL UNIQUE,
              at timestamptz, doc jsonb, amount numeric(12,3) CONSTRAINT positive CHECK (amount > 0), ratio double precision, ref uuid);
            CREATE INDEX native_at ON native (at, code);
            INSERT INTO native (code, at, doc, amount, ratio, ref) VALUES ('a', now(), '{"k": [1]}', 1.5, 0.25, gen_random_uuid());
            """);
        foreach (var engine in new[] { "sqlite", "mysql" })
        {
            await using var target = await ScratchDatabase.ForEngineAsync(engine);
            await CopyHarness.CopyAsync(postgres.Target, target.Target);
            var report = await VerifyAsync(postgres.Target, target.Target);
            // Neither SQLite nor MySQL can run PostgreSQL's casts: the copy leaves those checks out and says so;
            // verify names the same two checks, and nothing else.
            Assert.Equal(["native: check positive ((amount > (0)::numeric)) is only in the source", "post: check post_check ((price >= (0)::numeric)) is only in the source"],
                Lines(report));
        }
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("mysql")]
    public async Task EachThingATargetLostIsNamed(string engine)
    {
        await using var target = await ScratchDatabase.ForEngineAsync(engine);
        await CopyHarness.CopyAsync(_sqlite.Target, target.Target);
        await using (var db = await Databases.OpenAsync(target.Target, ScratchDatabase.ReadWrite, default))
        {
            var q = db.Dialect;
            string T(string name) => q.Quote(name);
            var foreignKey = (await CopyHarness.RowsAsync(target.Target, engine == "postgres"
                ? "SELECT conname FROM pg_constraint WHERE contype = 'f' AND conrelid = 'tag'::regclass"
                : "SELECT CONSTRAINT_NAME FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = 'tag'"))[0][0];
            var unique = (await CopyHarness.RowsAsync(target.Target, engine == "postgres"
                ? "SELECT conname FROM pg_constraint WHERE contype = 'u' AND conrelid = 'author'::regclass"
                : "SELECT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'author' AND NON_UNIQUE = 0 AND INDEX_NAME <> 'PRIMARY'"))[0][0];
            foreach (var sql in new[]
            {
                engine == "postgres" ? $"DROP INDEX {T("post_made")}" : $"DROP INDEX {T("post_made")} ON {T("post")}",
                engine == "postgres" ? $"ALTER TABLE {T("author")} DROP CONSTRAINT {T((string)unique!)}" : $"DROP INDEX {T((string)unique!)} ON {T("author")}",
                $"ALTER TABLE {T("tag")} DROP {(engine == "postgres" ? "CONSTRAINT" : "FOREIGN KEY")} {T((string)foreignKey!)}",
                engine == "postgres" ? $"ALTER TABLE {T("post")} ALTER COLUMN {T("score")} TYPE real" : $"ALTER TABLE {T("post")} MODIFY {T("score")} float",
                $"ALTER TABLE {T("author")} DROP COLUMN {T("born")}",
                engine == "postgres" ? $"ALTER TABLE {T("author")} ALTER COLUMN {T("name")} DROP NOT NULL" : $"ALTER TABLE {T("author")} MODIFY {T("name")} longtext NULL",
            })
                await db.ExecuteAsync(sql, default);
        }

        var report = await VerifyAsync(_sqlite.Target, target.Target);
        Assert.Equal(
            [
                "author: column born is only in the source",
                "author: column name is nullable in the target, NOT NULL in the source",
                "author: unique key (email) is only in the source",
                $"post: column score is {(engine == "postgres" ? "real" : "float")} in the target; a copy makes it {(engine == "postgres" ? "double precision" : "double")}",
                "post: index (made) is only in the source",
                "tag: foreign key (post_id) → post(id) is only in the source",
            ],
            Lines(report));
        // A lost column is lost content; the rest is shape: all of it makes the report differ.
        Assert.False(report.Same);
        Assert.False(report.SameContent);
        var score = report.Tables.Single(t => t.Table == "post").Schema.Single(s => s.Part == SchemaPart.Type);
        Assert.Equal(("score", engine == "postgres" ? "double precision" : "double", engine == "postgres" ? "real" : "float"), (score.Object, score.Source, score.Target));
    }

    private static List<string> Lines(VerifyReport report) =>
        report.Tables.SelectMany(t => t.Schema.Select(s => $"{t.Table}: {s.Text}")).Order(StringComparer.Ordinal).ToList();

    // Counts: the shape is compared at every level, and these tests are about the shape.
    private static Task<VerifyReport> VerifyAsync(ConnectionTarget from, ConnectionTarget to) =>
        VerifyHarness.RunAsync(from, to, new VerifyOptions { Level = VerifyLevel.Counts });
}

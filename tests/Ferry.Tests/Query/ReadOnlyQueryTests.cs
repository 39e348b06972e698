using System.Diagnostics;
using Ferry.Errors;
using Ferry.Query;
using Xunit;
using Xunit.Abstractions;

namespace Ferry.Tests.Query;

/// <summary>
/// <see cref="ReadOnlyQuery"/> on the four engines' real servers: every way of writing through a read-only query
/// that the issue lists is refused with one sentence, and the whole database is unchanged after it, compared as a
/// dump of rows, tables and sequences; reads work, the row limit and the timeout hold.
/// </summary>
public sealed class ReadOnlyQueryTests(ITestOutputHelper output)
{
    public static TheoryData<string> Engines => new() { "postgres", "mysql", "sqlite", "sqld" };

    /// <summary>Writes every engine must refuse, in its own SQL where the forms differ.</summary>
    private static IEnumerable<string> Writes(string engine)
    {
        string[] common =
        [
            "INSERT INTO t VALUES (100, 'x', 0)",
            "UPDATE t SET v = 'x'",
            "DELETE FROM t",
            "CREATE TABLE t3 (x integer)",
            "DROP TABLE u",
            "ALTER TABLE t ADD COLUMN z integer",
            "CREATE INDEX t_v ON t (v)",
            // Smuggled statements: a read-only transaction that the query itself could end would be no guarantee.
            "SELECT 1; COMMIT; DELETE FROM t",
            "SELECT 1; SET TRANSACTION READ WRITE; DELETE FROM t",
            "COMMIT; DELETE FROM t",
            "SELECT 1; DELETE FROM t",
        ];
        foreach (var sql in common) yield return sql;
        switch (engine)
        {
            case "postgres":
                yield return "WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x";
                yield return "SELECT * INTO t2 FROM t";
                yield return "SELECT nextval('s')";
                yield return "SELECT setval('s', 100)";
                yield return "SELECT f()";
                yield return "CALL p()";
                yield return "TRUNCATE t";
                yield return "CREATE TEMP TABLE tt (x integer)";
                yield return "DO $$ BEGIN DELETE FROM t; END $$";
                break;
            case "mysql":
                // MariaDB 10.11 has no data-modifying CTE; a DELETE that reads a CTE is its nearest form.
                yield return "WITH x AS (SELECT id FROM t) DELETE FROM t WHERE id IN (SELECT id FROM x)";
                yield return "CREATE TABLE t2 AS SELECT * FROM t";
                yield return "SELECT NEXTVAL(s)";
                yield return "SELECT SETVAL(s, 100)";
                yield return "SELECT f()";
                yield return "CALL p()";
                yield return "LOCK TABLES t WRITE";
                yield return "TRUNCATE t";
                yield return "REPLACE INTO t VALUES (1, 'r', 0)";
                break;
            default:
                yield return "WITH x AS (SELECT id FROM t) DELETE FROM t WHERE id IN (SELECT id FROM x)";
                yield return "CREATE TABLE t2 AS SELECT * FROM t";
                yield return "INSERT INTO t SELECT id + 100, v, n FROM t";
                yield return "REPLACE INTO t VALUES (1, 'r', 0)";
                yield return "CREATE TEMP TABLE tt (x integer)";
                yield return "PRAGMA user_version = 7";
                yield return "BEGIN EXCLUSIVE";
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task EveryWriteIsRefusedInOneSentenceAndNothingChanges(string engine)
    {
        await using var db = await QueryEngine.CreateAsync(engine);
        var before = await db.DumpAsync();
        var accepted = new List<string>();
        foreach (var sql in Writes(engine))
        {
            try
            {
                await using var result = await ReadOnlyQuery.RunAsync(db.Target, sql, new QueryOptions(), default);
                await foreach (var _ in result.Rows()) { }
                accepted.Add(sql);
            }
            catch (FerryException e)
            {
                output.WriteLine($"{sql} -> {e.Message}");
                Assert.DoesNotContain('\n', e.Message);
                Assert.NotEqual(FerryErrorKind.Connection, e.Kind);
            }
            Assert.Equal(before, await db.DumpAsync());
        }
        Assert.Empty(accepted);
    }

    /// <summary>
    /// LOCK TABLE: PostgreSQL's READ ONLY transaction allows it (it writes nothing; MariaDB's XA transaction refuses
    /// LOCK TABLES, see <see cref="Writes"/>). It lasts only as long as the call: the transaction ends in ROLLBACK,
    /// so another session writes at once afterwards, and the data is unchanged.
    /// </summary>
    [Theory]
    [InlineData("postgres", "LOCK TABLE t IN ACCESS EXCLUSIVE MODE")]
    public async Task ALockEndsWithTheCallAndChangesNothing(string engine, string sql)
    {
        await using var db = await QueryEngine.CreateAsync(engine);
        var before = await db.DumpAsync();
        try
        {
            await using var result = await ReadOnlyQuery.RunAsync(db.Target, sql, new QueryOptions(), default);
            await foreach (var _ in result.Rows()) { }
        }
        catch (FerryException e)
        {
            Assert.DoesNotContain('\n', e.Message);
        }
        Assert.Equal(before, await db.DumpAsync());
        await using var writer = await db.OpenAsync();
        using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await writer.ExecuteAsync("UPDATE t SET n = n WHERE id = 1", quick.Token);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task ReadsWork(string engine)
    {
        await using var db = await QueryEngine.CreateAsync(engine);
        var explain = engine is "sqlite" or "sqld" ? "EXPLAIN QUERY PLAN SELECT * FROM t WHERE id = 1" : "EXPLAIN SELECT * FROM t WHERE id = 1";
        var queries = new Dictionary<string, int>
        {
            ["SELECT id, v FROM t ORDER BY id"] = 4,
            ["SELECT t.id, u.label FROM t JOIN u ON u.t_id = t.id ORDER BY u.id"] = 3,
            ["SELECT id, sum(n) OVER (ORDER BY id) AS running, row_number() OVER (ORDER BY id DESC) AS r FROM t"] = 4,
            ["WITH x AS (SELECT id FROM t WHERE n > 15) SELECT count(*) FROM x"] = 1,
        };
        foreach (var (sql, count) in queries)
        {
            await using var result = await ReadOnlyQuery.RunAsync(db.Target, sql, new QueryOptions(), default);
            var rows = await result.Rows().ToListAsync();
            Assert.Equal(count, rows.Count);
        }
        await using (var plan = await ReadOnlyQuery.RunAsync(db.Target, explain, new QueryOptions(), default))
            Assert.NotEmpty(await plan.Rows().ToListAsync());

        await using var running = await ReadOnlyQuery.RunAsync(db.Target, "SELECT id, sum(n) OVER (ORDER BY id) AS running FROM t ORDER BY id", new QueryOptions(), default);
        Assert.Equal(["id", "running"], running.Columns);
        var sums = (await running.Rows().ToListAsync()).Select(r => Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([10L, 30L, 60L, 100L], sums);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task TheRowLimitStopsAHugeResultEarly(string engine)
    {
        await using var db = await QueryEngine.CreateAsync(engine);
        var clock = Stopwatch.StartNew();
        await using (var result = await ReadOnlyQuery.RunAsync(db.Target, Counting(engine, 50_000_000), new QueryOptions { MaxRows = 5 }, default))
        {
            Assert.Equal(5, (await result.Rows().ToListAsync()).Count);
            Assert.True(result.Truncated);
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"stopping took {clock.Elapsed}");

        await using var all = await ReadOnlyQuery.RunAsync(db.Target, "SELECT id FROM t", new QueryOptions { MaxRows = 4 }, default);
        Assert.Equal(4, (await all.Rows().ToListAsync()).Count);
        Assert.False(all.Truncated);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task TheTimeoutStopsALongQueryWithASentence(string engine)
    {
        await using var db = await QueryEngine.CreateAsync(engine);
        var sql = engine switch
        {
            "postgres" => "SELECT pg_sleep(20)",
            "mysql" => "SELECT SLEEP(20)",
            _ => "SELECT count(*) FROM (" + Counting(engine, 2_000_000_000) + ")",
        };
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<FerryException>(async () =>
        {
            await using var result = await ReadOnlyQuery.RunAsync(db.Target, sql, new QueryOptions { Timeout = TimeSpan.FromMilliseconds(700) }, default);
            await foreach (var _ in result.Rows()) { }
        });
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the timeout took {clock.Elapsed}");
        Assert.Contains("ran longer than 0.7 s", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    /// <summary>A result of <paramref name="n"/> rows made by the engine itself, far more than any test reads.</summary>
    private static string Counting(string engine, long n) => engine switch
    {
        "postgres" => $"SELECT g FROM generate_series(1, {n}) g",
        "mysql" => $"SELECT seq FROM seq_1_to_{n}",
        _ => $"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < {n}) SELECT x FROM c",
    };
}

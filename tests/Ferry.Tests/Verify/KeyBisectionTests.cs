using Ferry.Connections;
using Ferry.Engines;
using Ferry.Tests.Copy;
using Ferry.Tests.Support;
using Ferry.Verify;
using Xunit;

namespace Ferry.Tests.Verify;

/// <summary>
/// Bisection of keys that are not one integer or one text column, on real servers: composite keys of 50,000 rows
/// and a uuid key are split into ranges and only the ranges that differ are read, the rows named exactly; a key
/// whose order engines do not share (a date, a uuid written in capitals) is merged whole and is still exact.
/// </summary>
public sealed class KeyBisectionTests : IAsyncLifetime
{
    private const int Rows = 50_000;
    private SqliteSource _sqlite = null!;

    public async Task InitializeAsync()
    {
        // grid: (a, b) with a from 0 to 500, 100 rows each. shelf: (code, n), 1,251 codes of 40 rows each.
        _sqlite = await SqliteSource.CreateAsync($"""
            CREATE TABLE grid (a INTEGER NOT NULL, b INTEGER NOT NULL, v TEXT, PRIMARY KEY (a, b));
            CREATE TABLE shelf (code TEXT NOT NULL, n INTEGER NOT NULL, v TEXT, PRIMARY KEY (code, n));
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Rows})
            INSERT INTO grid SELECT i / 100, i % 100, 'v ' || i FROM n;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Rows})
            INSERT INTO shelf SELECT printf('s%04d', i / 40), i % 40, 'v ' || i FROM n;
            """);
    }

    public Task DisposeAsync()
    {
        _sqlite.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("sqlite", "postgres")]
    [InlineData("postgres", "mysql")]
    [InlineData("sqlite", "sqld")]
    public async Task ACompositeKeysChangedMissingAndExtraRowsAreNamedFromTheRangesThatDiffer(string from, string to)
    {
        await using var middle = from == "sqlite" ? null : await ScratchDatabase.ForEngineAsync(from);
        var source = middle?.Target ?? _sqlite.Target;
        if (middle is not null) await CopyHarness.CopyAsync(_sqlite.Target, source);
        await using var target = await ScratchDatabase.ForEngineAsync(to);
        await CopyHarness.CopyAsync(source, target.Target);

        var clean = await VerifyHarness.RunAsync(source, target.Target, new VerifyOptions());
        Assert.True(clean.Same, string.Join("; ", clean.Tables.Select(t => $"{t.Table} {t.Note} {string.Join(",", t.Listed)}")));
        // Equal tables cost their checksums: (a, b)'s first column's span and one level of ranges; shelf's whole-table sums.
        Assert.Equal([("grid", 4), ("shelf", 2)], clean.Tables.Select(t => (t.Table, t.RoundTrips ?? 0)).ToList());

        await CopyHarness.ExecuteAsync(target.Target, string.Join(";\n", Statements(to)));
        var report = await VerifyHarness.RunAsync(source, target.Target, new VerifyOptions());

        var grid = report.Tables.Single(t => t.Table == "grid");
        Assert.Equal(["(a=123, b=45) Changed v 'v 12345' 'changed'", "(a=250, b=0) Missing", "(a=600, b=7) Extra"], Shown(grid));
        var shelf = report.Tables.Single(t => t.Table == "shelf");
        // ('s0999', 40) lies between ('s0999', 39) and ('s1000', 0): inside a range, not past the table's end.
        Assert.Equal(["(code='s0500', n=12) Changed v 'v 20012' 'changed'", "(code='s0999', n=40) Extra", "(code='s1000', n=39) Missing"], Shown(shelf));
        Assert.Equal((3L, 3L, (long)Rows), (grid.Differences ?? 0, shelf.Differences ?? 0, shelf.SourceRows ?? 0));

        // Three differing ranges of about 1,600 rows each are merged, never the whole table: a dozen queries. Where
        // both databases sum ranges in SQL only those ranges' rows travel, not the 100,000 of a whole merge. A SQLite
        // or libSQL side is streamed and hashed by Ferry a level of ranges at a time: the whole table once or twice.
        Assert.All(new[] { grid, shelf }, t => Assert.InRange(t.RoundTrips ?? 0, 8, 20));
        var streamed = new[] { from, to }.Count(engine => engine is "sqlite" or "sqld");
        Assert.All(new[] { grid, shelf }, t => Assert.InRange(t.RowsRead ?? long.MaxValue, 1, streamed == 0 ? 15_000 : streamed * 2 * Rows + 15_000));
    }

    /// <summary>One changed, one missing and one extra row in each table, spelled for the target's dialect.</summary>
    private static IEnumerable<string> Statements(string engine)
    {
        string T(string name) => engine == "mysql" ? $"`{name}`" : $"\"{name}\"";
        yield return $"UPDATE {T("grid")} SET {T("v")} = 'changed' WHERE {T("a")} = 123 AND {T("b")} = 45";
        yield return $"DELETE FROM {T("grid")} WHERE {T("a")} = 250 AND {T("b")} = 0";
        yield return $"INSERT INTO {T("grid")} ({T("a")}, {T("b")}, {T("v")}) VALUES (600, 7, 'extra')";
        yield return $"UPDATE {T("shelf")} SET {T("v")} = 'changed' WHERE {T("code")} = 's0500' AND {T("n")} = 12";
        yield return $"DELETE FROM {T("shelf")} WHERE {T("code")} = 's1000' AND {T("n")} = 39";
        yield return $"INSERT INTO {T("shelf")} ({T("code")}, {T("n")}, {T("v")}) VALUES ('s0999', 40, 'extra')";
    }

    /// <summary>
    /// PostgreSQL's uuid and SQLite's lowercase text of it order alike, so a uuid key is split at uuids read from one
    /// side and given to the other as text; written in capitals in SQLite it is not, and the table is merged whole.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AUuidKeyIsSplitWherePostgresAndSqliteOrderItAlike(bool capitals)
    {
        await using var pg = await ScratchDatabase.PostgresAsync();
        await CopyHarness.ExecuteAsync(pg.Target, """
            CREATE TABLE token (id uuid PRIMARY KEY, v text);
            INSERT INTO token SELECT md5(i::text)::uuid, 'v ' || i FROM generate_series(1, 30000) i;
            """);
        await using var sqlite = ScratchDatabase.SqliteFile();
        await CopyHarness.CopyAsync(pg.Target, sqlite.Target);
        // md5('7') and md5('8') as uuids; the extra one is no md5.
        await CopyHarness.ExecuteAsync(sqlite.Target, $"""
            UPDATE token SET v = 'changed' WHERE id = '8f14e45f-ceea-167a-5a36-dedd4bea2543';
            DELETE FROM token WHERE id = 'c9f0f895-fb98-ab91-59f5-1fd0297e236d';
            INSERT INTO token VALUES ('00000000-0000-4000-8000-000000000001', 'extra');
            {(capitals ? "UPDATE token SET id = upper(id);" : "")}
            """);

        var token = Assert.Single((await VerifyHarness.RunAsync(pg.Target, sqlite.Target, new VerifyOptions())).Tables);
        // An extra row's key is shown as the target holds it: SQLite's text, quoted.
        const string Extra = "00000000-0000-4000-8000-000000000001";
        Assert.Equal(
            [
                $"(id='{(capitals ? Extra.ToUpperInvariant() : Extra)}') Extra",
                "(id=8f14e45f-ceea-167a-5a36-dedd4bea2543) Changed v 'v 7' 'changed'",
                "(id=c9f0f895-fb98-ab91-59f5-1fd0297e236d) Missing",
            ],
            Shown(token));
        // Split: the whole-table sums, each side's uuid check, 31 keys numbered by PostgreSQL, one level of ranges
        // and two merges (md5('7') and md5('8') lie fewer than 10,000 rows apart: one range is read from one to the
        // other). Written in capitals: the sums, the checks, then one merge of the whole table.
        Assert.Equal(capitals ? 6 : 11, token.RoundTrips);
    }

    /// <summary>
    /// A date key: SQLite holds it as text, whose forms sort apart from the dates they name. Merged whole, still
    /// exact. After an integer first column the same date is split on that column alone, and read only where it differs.
    /// </summary>
    [Fact]
    public async Task AKeyOfAKindEnginesOrderApartIsMergedWholeUnlessAnIntegerLeadsIt()
    {
        using var source = await SqliteSource.CreateAsync("""
            CREATE TABLE day (d DATE PRIMARY KEY, v TEXT);
            CREATE TABLE visit (person INTEGER NOT NULL, d DATE NOT NULL, v TEXT, PRIMARY KEY (person, d));
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 11999)
            INSERT INTO day SELECT date('2000-01-01', '+' || i || ' days'), 'v ' || i FROM n;
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 11999)
            INSERT INTO visit SELECT i / 10, date('2000-01-01', '+' || (i % 10) || ' days'), 'v ' || i FROM n;
            """);
        await using var pg = await ScratchDatabase.PostgresAsync();
        await CopyHarness.CopyAsync(source.Target, pg.Target);
        await CopyHarness.ExecuteAsync(pg.Target, """
            UPDATE day SET v = 'changed' WHERE d = '2001-01-01';
            DELETE FROM day WHERE d = '2020-02-29';
            INSERT INTO day VALUES ('1999-12-31', 'extra');
            UPDATE visit SET v = 'changed' WHERE person = 600 AND d = '2000-01-05';
            """);

        var report = await VerifyHarness.RunAsync(source.Target, pg.Target, new VerifyOptions());
        var day = report.Tables.Single(t => t.Table == "day");
        Assert.Equal(["(d=1999-12-31) Extra", "(d=2001-01-01) Changed v 'v 366' 'changed'", "(d=2020-02-29) Missing"], Shown(day));
        // Not bisected: the whole-table checksums (SQLite's side streamed), then one merge of both sides.
        Assert.Equal((4, 3L * 12_000), (day.RoundTrips ?? 0, day.RowsRead ?? 0));
        var visit = report.Tables.Single(t => t.Table == "visit");
        Assert.Equal(["(person=600, d=2000-01-05) Changed v 'v 6004' 'changed'"], Shown(visit));
        // The span of person, one level of ranges (SQLite streamed once), one merge of the 37 people of the range that differs.
        Assert.Equal((6, 12_000L + 2 * 370), (visit.RoundTrips ?? 0, visit.RowsRead ?? 0));
    }

    private static List<string> Shown(TableVerdict table) =>
        table.Listed.Select(d => $"{d.Key} {d.Kind} {d.Column} {(d.Column is null ? "" : $"{d.Source} {d.Target}")}".TrimEnd()).ToList();
}

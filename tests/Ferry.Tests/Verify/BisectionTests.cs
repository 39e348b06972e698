using System.Buffers;
using System.Text;
using Ferry.Connections;
using Ferry.Copy;
using Ferry.Engines;
using Ferry.Tests.Copy;
using Ferry.Tests.Support;
using Ferry.Values;
using Ferry.Verify;
using Xunit;

namespace Ferry.Tests.Verify;

/// <summary>
/// Bisection on real servers: tables of 50,000 rows copied between engines verify equal in a few round trips;
/// then the target gets exactly one difference of each kind, and verify names exactly that row and column,
/// reading far fewer ranges than rows. And the hash text each database writes in SQL is, value for value,
/// the one Ferry writes from the values it reads: what makes a checksum summed in PostgreSQL comparable with
/// one summed in MariaDB or streamed from SQLite.
/// </summary>
public sealed class BisectionTests : IAsyncLifetime
{
    private const int Rows = 50_000;
    private SqliteSource _sqlite = null!;

    public async Task InitializeAsync()
    {
        _sqlite = await SqliteSource.CreateAsync($"""
            CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT, made DATETIME, data BLOB, flag BOOLEAN);
            CREATE TABLE tag (code TEXT PRIMARY KEY, label TEXT);
            CREATE TABLE reading (id INTEGER PRIMARY KEY, value REAL);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Rows})
            INSERT INTO item SELECT i, 'name ' || i, CASE WHEN i % 1000 = 0 THEN '' ELSE 'note ' || i END,
              datetime(1600000000 + i * 61, 'unixepoch'), CAST(printf('%08x', i) AS BLOB), i % 2 FROM n;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Rows})
            INSERT INTO tag SELECT printf('k%05d', i), 'label ' || i FROM n;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
            INSERT INTO reading SELECT i, CASE WHEN i = 500 THEN 0.1 ELSE i * 0.25 END FROM n;
            """);
    }

    public Task DisposeAsync()
    {
        _sqlite.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("postgres", "postgres")]
    [InlineData("mysql", "mysql")]
    [InlineData("sqlite", "postgres")]
    [InlineData("postgres", "mysql")]
    [InlineData("postgres", "sqld")]
    public async Task EachDifferenceIsNamedAfterReadingOnlyTheRangesThatDiffer(string from, string to)
    {
        await using var middle = from == "sqlite" ? null : await ScratchDatabase.ForEngineAsync(from);
        var source = middle?.Target ?? _sqlite.Target;
        if (middle is not null) await CopyHarness.CopyAsync(_sqlite.Target, source);
        await using var target = await ScratchDatabase.ForEngineAsync(to);
        await CopyHarness.CopyAsync(source, target.Target);
        if (to == "mysql")
        {
            // A collation that ignores case and trailing spaces, so the database itself calls those values equal; the
            // column keeps the type the copy gave it, so verify sees no difference of shape.
            var type = (string)(await CopyHarness.RowsAsync(target.Target,
                "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'tag' AND COLUMN_NAME = 'label'"))[0][0]!;
            await CopyHarness.ExecuteAsync(target.Target, $"ALTER TABLE `tag` MODIFY `label` {type} COLLATE utf8mb4_general_ci");
        }

        var clean = await VerifyAsync(source, target.Target);
        Assert.True(clean.Same, Describe(clean));
        Assert.Equal((long)Rows, clean.Tables.Single(t => t.Table == "item").TargetRows);
        // Equal tables cost their checksums: an integer key's span and one level of ranges, a text key's whole-table sum.
        Assert.All(clean.Tables, t => Assert.InRange(t.RoundTrips ?? 99, 2, 4));

        await using (var db = await Databases.OpenAsync(target.Target, ScratchDatabase.ReadWrite, default))
        {
            string T(string name) => db.Dialect.Quote(name);
            var pg = to == "postgres";
            var sqlite = to is "sqld" or "sqlite";
            foreach (var sql in new[]
            {
                $"UPDATE {T("item")} SET {T("name")} = 'changed' WHERE {T("id")} = 1234",
                $"DELETE FROM {T("item")} WHERE {T("id")} = 20000",
                $"INSERT INTO {T("item")} ({T("id")}, {T("name")}) VALUES (60000, 'extra')",
                $"UPDATE {T("item")} SET {T("note")} = NULL WHERE {T("id")} = 30000",
                pg ? $"UPDATE {T("item")} SET {T("made")} = {T("made")} + interval '1 hour' WHERE {T("id")} = 40000"
                   : sqlite ? $"UPDATE {T("item")} SET {T("made")} = datetime({T("made")}, '+1 hour') WHERE {T("id")} = 40000"
                   : $"UPDATE {T("item")} SET {T("made")} = {T("made")} + INTERVAL 1 HOUR WHERE {T("id")} = 40000",
                // printf('%08x', 45000) is 0000afc8: its last byte's lowest bit flipped.
                pg ? $"UPDATE {T("item")} SET {T("data")} = convert_to('0000afc9', 'UTF8') WHERE {T("id")} = 45000"
                   : $"UPDATE {T("item")} SET {T("data")} = CAST('0000afc9' AS {(sqlite ? "BLOB" : "BINARY")}) WHERE {T("id")} = 45000",
                $"UPDATE {T("reading")} SET {T("value")} = 0.10000000000000002 WHERE {T("id")} = 500",
                $"UPDATE {T("tag")} SET {T("code")} = 'k00777 ' WHERE {T("code")} = 'k00777'",
                $"UPDATE {T("tag")} SET {T("label")} = 'Label 1234' WHERE {T("code")} = 'k01234'",
            })
                await db.ExecuteAsync(sql, default);
        }

        var report = await VerifyAsync(source, target.Target);
        Assert.False(report.Same);
        var item = report.Tables.Single(t => t.Table == "item");
        Assert.True(item.Listed.Count > 0, Describe(report));
        Assert.Equal(
            [
                "(id=1234) Changed name 'name 1234' 'changed'", "(id=20000) Missing", "(id=30000) Changed note '' NULL",
                "(id=40000) Changed made", "(id=45000) Changed data", "(id=60000) Extra",
            ],
            item.Listed.Select(d => $"{d.Key} {d.Kind} {d.Column} {(d.Column is "name" or "note" ? $"{d.Source} {d.Target}" : "")}".Trim()).ToList());
        Assert.Equal(6, item.Differences);
        Assert.Equal((long)Rows, item.SourceRows);
        var made = item.Listed.Single(d => d.Column == "made");
        // A SQLite-family target holds the timestamp as its ISO text, shown quoted.
        static DateTime Time(string? shown) => DateTime.Parse(shown!.Trim('\''), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(1), Time(made.Target) - Time(made.Source));

        var reading = report.Tables.Single(t => t.Table == "reading");
        Assert.Equal("(id=500) Changed value 0.1 0.10000000000000002", Assert.Single(reading.Listed) is var r ? $"{r.Key} {r.Kind} {r.Column} {r.Source} {r.Target}" : null);

        var tag = report.Tables.Single(t => t.Table == "tag");
        Assert.Equal(
            ["('k00777') Missing ", "('k00777 ') Extra ", "('k01234') Changed label 'label 1234' 'Label 1234'"],
            tag.Listed.Select(d => $"{d.Key.Replace("code=", "", StringComparison.Ordinal)} {d.Kind} {d.Column} {d.Source} {d.Target}".TrimEnd() + (d.Column is null ? " " : "")).ToList());

        // Six scattered differences among 50,000 rows: a few dozen queries, not one per row or per thousand.
        Assert.InRange(item.RoundTrips ?? int.MaxValue, 4, 60);
        Assert.InRange(tag.RoundTrips ?? int.MaxValue, 2, 40);
    }

    [Fact]
    public async Task AColumnChangedInEveryRowIsMergedInOnePassNotBisectedFurther()
    {
        const string Rows = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) INSERT INTO item SELECT i, ";
        using var before = await SqliteSource.CreateAsync($"CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT); {Rows} 'name ' || i FROM n;");
        using var after = await SqliteSource.CreateAsync($"CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT); {Rows} 'NAME ' || i FROM n;");
        await using var source = await Databases.OpenAsync(before.Target, new OpenOptions { Access = AccessMode.ReadOnly }, default);
        await using var other = await Databases.OpenAsync(after.Target, new OpenOptions { Access = AccessMode.ReadOnly }, default);
        var report = await new VerifyRunner(source, other, new VerifyOptions { MaxDiffs = 3 }).RunAsync(default);
        var item = Assert.Single(report.Tables);
        Assert.Equal((20000L, 3), (item.Differences, item.Listed.Count));
        Assert.Equal("(id=1) Changed name 'name 1' 'NAME 1'", item.Listed[0] is var d ? $"{d.Key} {d.Kind} {d.Column} {d.Source} {d.Target}" : null);
        // The key's span, one level of ranges (all differ), then one merge of the whole table: three queries a side.
        Assert.Equal(6, item.RoundTrips);
    }

    /// <summary>
    /// For every type a database hashes in SQL, its hash text of each value is the one Ferry writes from the value
    /// its reader gives (converted as a copy into the other server engine would): compared text by text, then as range checksums.
    /// </summary>
    [Theory]
    [InlineData("postgres", "mysql", """
        CREATE TABLE hashed (id bigint PRIMARY KEY, i2 smallint, i4 integer, n numeric(12,4), big numeric, b boolean,
          t text, vc varchar(20), bytes bytea, ts timestamp(6), tz timestamptz, d date, u uuid);
        INSERT INTO hashed VALUES
          (1, -32768, 2147483647, 1.5000, 123456789012345678901234.5678901, true, '', 'a', '\x00ff'::bytea,
           '1969-12-31 23:59:59.999999', '2024-06-01 12:00:00.5+02', '1900-01-01', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'),
          (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
          (3, 0, -1, -0.0001, 0, false, '한국어 🎉 ''quoted'' ~,:', 'trailing ', '\x'::bytea,
           '2038-01-19 03:14:08.000001', '1950-06-15 00:00:00-07:30', '2262-04-11', '00000000-0000-0000-0000-000000000000'),
          (-9223372036854775808, 32767, -2147483648, 99999999.9999, -1e-20, true, 'Tab	and
        newline', 'Ω', '\x5c27'::bytea, '0001-01-01 00:00:00', '9999-12-31 23:59:59.999999+00', '0001-01-01', NULL);
        """)]
    [InlineData("mysql", "postgres", """
        CREATE TABLE hashed (id bigint PRIMARY KEY, i1 tinyint, i3 mediumint, u8 bigint unsigned, n decimal(12,4), z decimal(10,0),
          b tinyint(1), t text, vc varchar(20) CHARACTER SET latin1, c char(5), bytes varbinary(10), dt datetime(6), ts timestamp(6) NULL, d date);
        INSERT INTO hashed VALUES
          (1, -128, 8388607, 18446744073709551615, 1.5000, 10, 1, '', 'café', 'ab', X'00FF', '1969-12-31 23:59:59.999999', '2024-06-01 10:00:00.5', '1900-01-01'),
          (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
          (3, 0, -1, 0, -0.0001, -7, 0, '한국어 🎉 ''quoted'' ~,:', 'trailing ', 'x', X'', '2038-01-19 03:14:08.000001', '1999-06-15 00:00:00', '9999-12-31'),
          (-9223372036854775808, 127, 0, 1, 99999999.9999, 0, 1, 'Tab\tand\nnewline', 'O', '', X'5C27', '1000-01-01 00:00:00', '2038-01-19 03:14:07.999999', '1000-01-01');
        """)]
    public async Task EachDatabaseHashesAValueInSqlAsFerryDoes(string engine, string other, string sql)
    {
        await using var scratch = await ScratchDatabase.ForEngineAsync(engine);
        await CopyHarness.ExecuteAsync(scratch.Target, sql);
        var plan = await CopyHarness.PlanAsync(scratch.Target, Enum.Parse<EngineKind>(other, ignoreCase: true));
        await using var db = await Databases.OpenAsync(scratch.Target, new OpenOptions { Access = AccessMode.ReadOnly }, default);
        var table = (await db.ReadSchemaWithoutSizesAsync(default)).Tables.Single();
        var pair = TablePair.Of(plan.Tables.Single(), table, Enum.Parse<EngineKind>(other, ignoreCase: true), ignoreCase: false);
        var side = new RangeSide(db, pair, fromSource: true);
        Assert.True(side.InSql, $"{engine} should hash every column of {string.Join(", ", table.Columns.Select(c => $"{c.Name} {c.DeclaredType}"))} in SQL");

        var id = db.Dialect.Quote("id");
        var inSql = (await db.QueryAsync($"SELECT {side.RowTextSql} FROM {db.Dialect.Quote("hashed")} ORDER BY {id}", default))
            .Select(r => r[0] is byte[] bytes ? Encoding.UTF8.GetString(bytes) : (string)r[0]!).ToList();
        var ours = new List<string>();
        var streamed = default(RangeChecksum);
        var text = new ArrayBufferWriter<byte>();
        await foreach (var row in side.RowsAsync(KeyRange.All, ordered: true, default))
        {
            text.ResetWrittenCount();
            pair.HashRow(text, row);
            ours.Add(Encoding.UTF8.GetString(text.WrittenSpan));
            streamed = streamed.Add(HashText.Of(text.WrittenSpan));
        }
        Assert.Equal(4, ours.Count);
        // Row 2 holds only NULLs: its id, then a '~' for each of the others.
        Assert.Equal("2," + new string('~', table.Columns.Count - 1), inSql[2]);
        for (var i = 0; i < ours.Count; i++) Assert.Equal(ours[i], inSql[i]);
        Assert.Equal(streamed, Assert.Single(await side.ChecksumsAsync(KeyRange.All, [], default)));
    }

    private static async Task<VerifyReport> VerifyAsync(ConnectionTarget from, ConnectionTarget to)
    {
        await using var source = await Databases.OpenAsync(from, new OpenOptions { Access = AccessMode.ReadOnly }, default);
        await using var other = await Databases.OpenAsync(to, new OpenOptions { Access = AccessMode.ReadOnly }, default);
        return await new VerifyRunner(source, other, new VerifyOptions { Level = VerifyLevel.Rows }).RunAsync(default);
    }

    private static string Describe(VerifyReport report) =>
        string.Join("; ", report.Tables.Select(t => $"{t.Table} {t.Status} {t.Note} {string.Join(",", t.Schema)} {string.Join(",", t.Listed)}"));
}

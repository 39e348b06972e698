using System.Globalization;
using System.Security.Cryptography;
using Ferry.Connections;
using Ferry.Copy;
using Ferry.Errors;
using Ferry.Samples;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>S2, the seeds' main story: a SQLite app database into PostgreSQL, compared value by value.</summary>
public sealed class SqliteToPostgresCopyTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ferry-copy-").FullName;
    private ScratchDatabase _target = null!;

    public async Task InitializeAsync() => _target = await ScratchDatabase.PostgresAsync();

    public async Task DisposeAsync()
    {
        await _target.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private ConnectionTarget Sqlite(string name) => new() { Engine = EngineKind.Sqlite, FilePath = Path.Combine(_folder, name) };

    private async Task<ConnectionTarget> SqliteWith(string sql)
    {
        var file = Sqlite($"{Guid.NewGuid():N}.db");
        await CopyHarness.ExecuteAsync(file, sql);
        return file;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task TheSampleArrivesValueByValueAndTheSourceIsUntouched(int jobs)
    {
        var source = Sqlite("chat.db");
        await ChatSample.CreateAsync(source.FilePath!, 0.002, default);
        var hash = SHA256.HashData(await File.ReadAllBytesAsync(source.FilePath!));

        var report = await CopyHarness.CopyAsync(source, _target.Target, new CopyOptions { Jobs = jobs });

        Assert.Empty(report.Problems);
        Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(source.FilePath!)), hash);
        Assert.Equal(ChatSampleSize.At(0.002).TotalRows, report.Written);
        foreach (var (table, key) in new[] { ("User", "id"), ("Character", "id"), ("Conversation", "id"), ("Message", "id"), ("Payment", "id"), ("_drizzle_migrations", "hash") })
        {
            var expected = Sorted(await CopyHarness.RowsAsync(source, $"SELECT * FROM \"{table}\""), table, key);
            var actual = Sorted(await CopyHarness.RowsAsync(_target.Target, $"SELECT * FROM \"{table}\""), table, key);
            Assert.Equal(expected.Count, actual.Count);
            for (var r = 0; r < expected.Count; r++)
                Assert.Equal(expected[r].Select(Normalize), actual[r].Select(Normalize));
        }
    }

    /// <summary>Rows in key order, sorted here so both engines' collations are out of the comparison.</summary>
    private static List<object?[]> Sorted(IReadOnlyList<object?[]> rows, string table, string key)
    {
        var at = key == "hash" ? 1 : 0;
        return rows.OrderBy(r => Convert.ToString(r[at], CultureInfo.InvariantCulture), StringComparer.Ordinal).ToList();
    }

    /// <summary>The one representation both sides are compared in: what SQLite would store.</summary>
    private static object? Normalize(object? value) => value switch
    {
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? 1L : 0L,
        _ => value,
    };

    [Fact]
    public async Task KeysKeepGeneratingAfterTheCopy()
    {
        var source = await SqliteWith("""
            CREATE TABLE auto (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT);
            INSERT INTO auto (v) VALUES ('a'), ('b'), ('c'); DELETE FROM auto WHERE id = 3;
            CREATE TABLE plain (id INTEGER PRIMARY KEY, v TEXT);
            CREATE TABLE empty (id INTEGER PRIMARY KEY, v TEXT);
            INSERT INTO plain VALUES (41, 'x');
            """);
        await CopyHarness.CopyAsync(source, _target.Target);
        await CopyHarness.ExecuteAsync(_target.Target, "INSERT INTO auto (v) VALUES ('new'); INSERT INTO plain (v) VALUES ('new'); INSERT INTO empty (v) VALUES ('first')");
        // AUTOINCREMENT never hands out 3 again, though row 3 was deleted: the source's sqlite_sequence says 3.
        Assert.Equal(4L, (await CopyHarness.RowsAsync(_target.Target, "SELECT id FROM auto WHERE v = 'new'"))[0][0]);
        Assert.Equal(42L, (await CopyHarness.RowsAsync(_target.Target, "SELECT id FROM plain WHERE v = 'new'"))[0][0]);
        Assert.Equal(1L, (await CopyHarness.RowsAsync(_target.Target, "SELECT id FROM empty"))[0][0]);
    }

    [Fact]
    public async Task EdgeValuesSurviveExactly()
    {
        var blob = new byte[1024 * 1024];
        new Random(3).NextBytes(blob);
        var source = await SqliteWith($"""
            CREATE TABLE edge (id INTEGER PRIMARY KEY, big INTEGER, r REAL, t TEXT, b BLOB, flag BOOLEAN, made DATETIME, stamp TIMESTAMP, price DECIMAL(10,2));
            INSERT INTO edge VALUES
              (1, 9223372036854775807, -0.0, '', X'{Convert.ToHexString(blob)}', 1, 1700000000, '2024-03-01T10:00:00+09:00', 1240.11),
              (2, -9223372036854775808, 9e999, NULL, X'', 0, 1700000001, '2024-03-01 01:00:00Z', 0.1),
              (3, 0, 1240.11, '한국어 텍스트 🎉 emoji', NULL, 'true', NULL, NULL, NULL);
            """);
        var report = await CopyHarness.CopyAsync(source, _target.Target);
        Assert.Empty(report.Problems);
        var rows = await CopyHarness.RowsAsync(_target.Target, "SELECT big, r, t, b, flag, made, stamp, price FROM edge ORDER BY id");
        Assert.Equal([long.MaxValue, long.MinValue, 0L], rows.Select(r => r[0]));
        // SQLite itself folds -0.0 to 0.0 on storage; what it holds arrives bit for bit.
        var stored = (await CopyHarness.RowsAsync(source, "SELECT r FROM edge WHERE id = 1"))[0][0];
        Assert.Equal(BitConverter.DoubleToInt64Bits((double)stored!), BitConverter.DoubleToInt64Bits((double)rows[0][1]!));
        Assert.Equal(double.PositiveInfinity, rows[1][1]);
        Assert.Equal(1240.11, rows[2][1]); // double precision, not real
        Assert.Equal(["", null, "한국어 텍스트 🎉 emoji"], rows.Select(r => r[2]));
        Assert.Equal(blob, rows[0][3]);
        Assert.Equal(Array.Empty<byte>(), rows[1][3]);
        Assert.Equal([true, false, true], rows.Select(r => r[4]));
        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20, DateTimeKind.Utc), rows[0][5]);
        Assert.Equal(new DateTime(2024, 3, 1, 1, 0, 0, DateTimeKind.Utc), rows[0][6]);
        Assert.Equal(new DateTime(2024, 3, 1, 1, 0, 0, DateTimeKind.Utc), rows[1][6]);
        Assert.Equal([1240.11m, 0.1m, null], rows.Select(r => r[7]));
        var types = await CopyHarness.RowsAsync(_target.Target, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'edge' ORDER BY ordinal_position");
        Assert.Equal(["bigint", "bigint", "double precision", "text", "bytea", "boolean", "timestamp with time zone", "timestamp with time zone", "numeric"], types.Select(r => r[1]));
    }

    [Fact]
    public async Task JsonAndTextsLargerThanTheCopyBufferArriveAsStored()
    {
        // Texts pass from SQLite to the COPY stream as their UTF-8 bytes: long ones, multi-byte ones, and JSON into jsonb.
        var source = await SqliteWith("""
            CREATE TABLE doc (id INTEGER PRIMARY KEY, body JSON, t TEXT);
            WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM i WHERE x < 3)
            INSERT INTO doc SELECT x, json_object('이름', '값 ' || x, 'n', x, 'list', json_array(1, 2.5, 'a🎉')),
              CASE x WHEN 1 THEN replace(hex(zeroblob(70000)), '00', '가나') WHEN 2 THEN 'é' ELSE '' END FROM i;
            """);
        var report = await CopyHarness.CopyAsync(source, _target.Target);
        Assert.Empty(report.Problems);
        var types = await CopyHarness.RowsAsync(_target.Target, "SELECT data_type FROM information_schema.columns WHERE table_name = 'doc' ORDER BY ordinal_position");
        Assert.Equal(["bigint", "jsonb", "text"], types.Select(r => r[0]));
        var expected = await CopyHarness.RowsAsync(source, "SELECT body, t, length(t) FROM doc ORDER BY id");
        var rows = await CopyHarness.RowsAsync(_target.Target, "SELECT body::text, t, length(t) FROM doc ORDER BY id");
        Assert.Equal(140000L, rows[0][2]);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i][1], rows[i][1]);
            Assert.Equal(expected[i][2], rows[i][2]);
            var equal = await CopyHarness.RowsAsync(_target.Target, $"SELECT body = {PostgresLiteral((string)expected[i][0]!)}::jsonb FROM doc WHERE id = {i + 1}");
            Assert.Equal(true, equal[0][0]);
        }
    }

    [Fact]
    public async Task AFileThatStoresUtf16ArrivesAsTheSameText()
    {
        // SQLite hands such texts over converted to UTF-8; the bytes passed to the COPY are those.
        var source = await SqliteWith("""
            PRAGMA encoding = 'UTF-16le';
            CREATE TABLE u (id INTEGER PRIMARY KEY, t TEXT, body JSON);
            INSERT INTO u VALUES (1, '한국어 🎉', '{"키": "값"}'), (2, '', NULL), (3, NULL, '[1]');
            """);
        Assert.Equal("UTF-16le", (await CopyHarness.RowsAsync(source, "PRAGMA encoding"))[0][0]);
        await CopyHarness.CopyAsync(source, _target.Target);
        var rows = await CopyHarness.RowsAsync(_target.Target, "SELECT t, body::text FROM u ORDER BY id");
        Assert.Equal(["한국어 🎉", "", null], rows.Select(r => r[0]));
        Assert.Equal(["{\"키\": \"값\"}", null, "[1]"], rows.Select(r => r[1]));
    }

    private static string PostgresLiteral(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    [Theory]
    [InlineData("INSERT INTO bad VALUES (1, 5), (2, 'abc'), (3, 7)", "column n: the text 'abc' is not an integer")]
    [InlineData("INSERT INTO bad VALUES (1, 5), (2, 'a' || char(0) || 'b'), (3, 7)", "U+0000")]
    [InlineData("INSERT INTO bad VALUES (1, 5), (2, CAST(X'C328' AS TEXT)), (3, 7)", "not valid UTF-8")]
    public async Task AValueThatCannotBeCarriedStopsTheCopyByName(string insert, string reason)
    {
        var declared = insert.Contains("'abc'", StringComparison.Ordinal) ? "INTEGER" : "TEXT";
        var source = await SqliteWith($"CREATE TABLE bad (id INTEGER PRIMARY KEY, n {declared}); {insert};");
        var error = await Assert.ThrowsAsync<CopyRefusedException>(() => CopyHarness.CopyAsync(source, _target.Target));
        Assert.Contains("Row (id=2) of bad", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        // The COPY was rolled back and the table this copy created dropped again.
        Assert.Contains("The target is as Ferry found it", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, (await CopyHarness.RowsAsync(_target.Target, "SELECT count(*) FROM pg_tables WHERE tablename = 'bad'"))[0][0]);
    }

    [Fact]
    public async Task RefusedRowsGoToTheRejectsFileAndTheRestArrives()
    {
        var source = await SqliteWith("CREATE TABLE bad (id INTEGER PRIMARY KEY, n INTEGER); INSERT INTO bad VALUES (1, 5), (2, 'abc'), (3, 7), (4, X'00');");
        var rejects = Path.Combine(_folder, "rejects.jsonl");
        var report = await CopyHarness.CopyAsync(source, _target.Target, new CopyOptions { RejectsFile = rejects });
        Assert.Equal((4L, 2L, 2L), (report.Read, report.Written, report.Refused));
        Assert.Single(report.Problems);
        var lines = await File.ReadAllLinesAsync(rejects);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"key\":\"(id=2)\"", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"column\":\"n\"", lines[0], StringComparison.Ordinal);
        Assert.Contains("a 1-byte blob", lines[1], StringComparison.Ordinal);
        Assert.Equal([1L, 3L], (await CopyHarness.RowsAsync(_target.Target, "SELECT id FROM bad ORDER BY id")).Select(r => r[0]));
    }

    [Fact]
    public async Task OrphanedForeignKeysAreReportedOrAddedNotValid()
    {
        var source = await SqliteWith("""
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id));
            INSERT INTO parent VALUES (1); INSERT INTO child VALUES (1, 1), (2, 99), (3, NULL);
            """);
        var report = await CopyHarness.CopyAsync(source, _target.Target);
        Assert.Contains(report.Problems, p => p.Contains("1 rows point at rows that do not exist", StringComparison.Ordinal));
        Assert.Equal(0L, (await CopyHarness.RowsAsync(_target.Target, "SELECT count(*) FROM pg_constraint WHERE contype = 'f'"))[0][0]);

        report = await CopyHarness.CopyAsync(source, _target.Target, new CopyOptions { IfExists = IfExists.Drop, ForeignKeysNotValid = true });
        Assert.Empty(report.Problems);
        Assert.Equal(false, (await CopyHarness.RowsAsync(_target.Target, "SELECT convalidated FROM pg_constraint WHERE contype = 'f'"))[0][0]);
        Assert.Equal(3L, (await CopyHarness.RowsAsync(_target.Target, "SELECT count(*) FROM child"))[0][0]);
    }

    [Fact]
    public async Task ATargetThatHoldsRowsIsNotTouchedWithoutBeingTold()
    {
        var source = await SqliteWith("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t VALUES (1, 'new');");
        await CopyHarness.ExecuteAsync(_target.Target, "CREATE TABLE t (id bigint PRIMARY KEY, v text); INSERT INTO t VALUES (7, 'old')");
        var error = await Assert.ThrowsAsync<FerryException>(() => CopyHarness.CopyAsync(source, _target.Target));
        Assert.Contains("t (1)", error.Message, StringComparison.Ordinal);
        Assert.Equal("old", (await CopyHarness.RowsAsync(_target.Target, "SELECT v FROM t"))[0][0]);

        await CopyHarness.CopyAsync(source, _target.Target, new CopyOptions { IfExists = IfExists.Truncate });
        Assert.Equal("new", (await CopyHarness.RowsAsync(_target.Target, "SELECT v FROM t"))[0][0]);
    }

    [Fact]
    public async Task RingsSelfReferencesKeylessWithoutRowidAndGeneratedTablesArrive()
    {
        var source = await SqliteWith("""
            CREATE TABLE employee (id INTEGER PRIMARY KEY, boss INTEGER REFERENCES employee(id), name TEXT);
            CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b(id));
            CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(id));
            CREATE TABLE log (at TEXT, line TEXT);
            CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID;
            CREATE TABLE box (w INTEGER, h INTEGER, area INTEGER GENERATED ALWAYS AS (w * h) STORED);
            INSERT INTO employee VALUES (1, NULL, 'root'), (2, 1, 'child'), (3, 2, 'grandchild');
            INSERT INTO a VALUES (1, 1), (2, NULL); INSERT INTO b VALUES (1, 2);
            INSERT INTO log VALUES ('x', 'same'), ('x', 'same');
            INSERT INTO kv VALUES ('k1', X'01'), ('k2', NULL);
            INSERT INTO box (w, h) VALUES (2, 3), (4, 5);
            """);
        var report = await CopyHarness.CopyAsync(source, _target.Target);
        Assert.Empty(report.Problems);
        Assert.Contains(report.Warnings, w => w.Contains("a, b reference each other in a ring", StringComparison.Ordinal));
        Assert.Contains(report.Warnings, w => w.Contains("box.area is generated in the source", StringComparison.Ordinal));
        Assert.Equal(3L, (await CopyHarness.RowsAsync(_target.Target, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated"))[0][0]);
        Assert.Equal(2L, (await CopyHarness.RowsAsync(_target.Target, "SELECT count(*) FROM log"))[0][0]); // duplicates in a keyless table stay
        Assert.Equal([6L, 20L], (await CopyHarness.RowsAsync(_target.Target, "SELECT area FROM box ORDER BY w")).Select(r => r[0]));
        Assert.Equal(["k1", "k2"], (await CopyHarness.RowsAsync(_target.Target, "SELECT k FROM kv ORDER BY k")).Select(r => r[0]));
        Assert.Equal("grandchild", (await CopyHarness.RowsAsync(_target.Target, "SELECT e.name FROM employee e JOIN employee p ON e.boss = p.id WHERE p.name = 'child'"))[0][0]);
    }
}

using Ferry.Connections;
using Ferry.Copy;
using Ferry.Errors;
using Ferry.Tests.Engines.Sqlite;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>SQLite into MariaDB: the hostile-names fixture and edge values, read back from the server value by value.</summary>
public sealed class SqliteToMySqlCopyTests : IAsyncLifetime
{
    private ScratchDatabase _source = null!;
    private ScratchDatabase _target = null!;

    public async Task InitializeAsync()
    {
        _source = ScratchDatabase.SqliteFile();
        _target = await ScratchDatabase.MySqlAsync();
    }

    public async Task DisposeAsync()
    {
        await _target.DisposeAsync();
        await _source.DisposeAsync();
    }

    private async Task<ConnectionTarget> SourceWith(string sql)
    {
        await CopyHarness.ExecuteAsync(_source.Target, sql);
        return _source.Target;
    }

    private Task<IReadOnlyList<object?[]>> Target(string sql) => CopyHarness.RowsAsync(_target.Target, sql);

    /// <summary>
    /// The chat sample's shape: a text foreign key whose lookups an index on (key, time) serves. The key's column is
    /// bounded so that index holds it whole; with a prefix it could not serve the foreign key, and InnoDB would
    /// make an index of its own on the column, one the source never had, which every later copy would carry on.
    /// </summary>
    [Fact]
    public async Task AnIndexThatBeginsWithATextForeignKeyServesItAndInnoDbAddsNone()
    {
        var source = await SourceWith("""
            CREATE TABLE conversation (id TEXT PRIMARY KEY NOT NULL, title TEXT);
            CREATE TABLE message (id INTEGER PRIMARY KEY, conversationId TEXT NOT NULL REFERENCES conversation (id), body TEXT, createdAt INTEGER NOT NULL);
            CREATE INDEX message_conversation_time ON message (conversationId, createdAt);
            CREATE INDEX message_conversation_body ON message (conversationId, body);
            INSERT INTO conversation VALUES ('c1', 'first'), ('c2', NULL);
            INSERT INTO message VALUES (1, 'c1', 'hi', 1700000000000), (2, 'c2', 'yo', 1700000000001);
            """);
        var report = await CopyHarness.CopyAsync(source, _target.Target);

        Assert.Empty(report.Problems);
        var indexes = await Target("""
            SELECT index_name, group_concat(concat(column_name, coalesce(concat('(', sub_part, ')'), '')) ORDER BY seq_in_index)
            FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'message' GROUP BY index_name ORDER BY index_name
            """);
        Assert.Equal([["message_conversation_body", "conversationId,body(384)"], ["message_conversation_time", "conversationId,createdAt"], ["PRIMARY", "id"]],
            indexes.Select(r => new[] { (string)r[0]!, (string)r[1]! }));
        var types = await Target("SELECT column_type FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name IN ('conversation', 'message') AND column_name IN ('id', 'conversationId') ORDER BY table_name, column_name");
        Assert.Equal(["varchar(768)", "varchar(384)", "bigint(20)"], types.Select(r => r[0]));
        // The foreign key holds: a message for no conversation is refused.
        await Assert.ThrowsAsync<FerryException>(() => CopyHarness.ExecuteAsync(_target.Target, "INSERT INTO message (id, conversationId, createdAt) VALUES (3, 'none', 0)"));
    }

    [Fact]
    public async Task TheHostileFixtureArrivesWithKeysThatKeepWorking()
    {
        var source = await SourceWith(SqliteFixture.Ddl);
        var report = await CopyHarness.CopyAsync(source, _target.Target);

        Assert.Empty(report.Problems);
        Assert.Equal(SqliteFixture.RowCounts.OrderBy(p => p.Key, StringComparer.Ordinal), report.Tables.Select(t => KeyValuePair.Create(t.Table, t.TargetRows!.Value)).OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Contains(report.Warnings, w => w.Contains("Index expr_idx on 메시지 indexes expressions", StringComparison.Ordinal));

        var users = await Target("SELECT id, email, `display name`, `isActive` FROM `User` ORDER BY id");
        // Ferry reads tinyint(1) as the integer it may be (-128..127); the copy wrote 1 and 0.
        Assert.Equal([[1L, "a@example.kr", "안녕하세요 👋", 1L], [2L, "b@example.kr", null, 0L], [3L, "c@example.kr", "", 1L]], users);
        var messages = await Target("SELECT `아이디`, `내용`, `say \"hi\"`, `it's`, `back``tick`, order_id FROM `메시지` ORDER BY `아이디`");
        Assert.Equal([1L, "첫 메시지 🎉", "hi", "it's", "`", 1L], messages[0]);
        Assert.Equal([4L, "넷", "", "", "", 3L], messages[3]);
        Assert.Equal([[1L, "a", new byte[] { 0x00, 0xFF, 0x10 }], [1L, "b", null]], await Target("SELECT a, b, v FROM pair ORDER BY a, b"));
        Assert.Equal([12.5m, 0m, 99.99m, 1m, 2m], (await Target("SELECT total FROM `order` ORDER BY id")).Select(r => r[0]));

        // The types the server reports: text in keys bounded so InnoDB can index it, the rest unbounded.
        var types = await Target("SELECT table_name, column_name, column_type FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name IN ('User', 'pair') ORDER BY table_name, ordinal_position");
        Assert.Equal(["bigint(20)", "varchar(384)", "longblob", "bigint(20)", "varchar(768)", "longtext", "datetime(6)", "tinyint(1)"], types.Select(r => r[2]));
        var collation = await Target("SELECT table_collation FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'User'");
        Assert.Equal("utf8mb4_bin", collation[0][0]);

        // AUTO_INCREMENT continues after the copy; defaults work; the unique key is binary (case-sensitive) and enforced.
        await CopyHarness.ExecuteAsync(_target.Target, "INSERT INTO `User` (email) VALUES ('A@example.kr')");
        var added = await Target("SELECT id, `isActive`, `createdAt` IS NOT NULL FROM `User` WHERE email = 'A@example.kr'");
        Assert.Equal([4L, 1L, 1L], added[0]);
        var duplicate = await Assert.ThrowsAsync<FerryException>(() => CopyHarness.ExecuteAsync(_target.Target, "INSERT INTO `User` (email) VALUES ('a@example.kr')"));
        Assert.Contains("Duplicate", duplicate.Message, StringComparison.Ordinal);
        // The foreign keys were added: an order for a user that does not exist is refused.
        await Assert.ThrowsAsync<FerryException>(() => CopyHarness.ExecuteAsync(_target.Target, "INSERT INTO `order` (id, user_id) VALUES (99, 999)"));
        Assert.Equal(2L, (await Target("SELECT count(*) FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE()"))[0][0]);
        var check = await Assert.ThrowsAsync<FerryException>(() => CopyHarness.ExecuteAsync(_target.Target, "INSERT INTO `order` (id, total) VALUES (98, -1)"));
        Assert.Contains("order_total_positive", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EdgeValuesSurviveExactly()
    {
        var blob = new byte[64 * 1024];
        new Random(3).NextBytes(blob);
        var source = await SourceWith($"""
            CREATE TABLE edge (id INTEGER PRIMARY KEY, big INTEGER, r REAL, t TEXT, b BLOB, flag BOOLEAN, made DATETIME, stamp TIMESTAMP, price DECIMAL(10,2), loose NUMERIC, slash TEXT DEFAULT 'C:\dir\');
            INSERT INTO edge (id, big, r, t, b, flag, made, stamp, price, loose) VALUES
              (1, 9223372036854775807, -1.5e300, '', X'{Convert.ToHexString(blob)}', 1, 1700000000, '2024-03-01T10:00:00.123456+09:00', 1240.11, 0.1),
              (2, -9223372036854775808, 5e-324, NULL, X'', 0, 1700000001, '2024-03-01 01:00:00Z', 0.1, 2.5),
              (3, 0, 1240.11, '한국어 텍스트 🎉 emoji	tab\back', NULL, 'true', NULL, NULL, NULL, NULL);
            """);
        var report = await CopyHarness.CopyAsync(source, _target.Target);
        Assert.Empty(report.Problems);

        var rows = await Target("SELECT big, r, t, b, flag, made, stamp, price, loose FROM edge ORDER BY id");
        Assert.Equal([long.MaxValue, long.MinValue, 0L], rows.Select(r => r[0]));
        // Bit for bit what SQLite holds (its own parsing of -1.5e300 is not always the nearest double).
        var stored = await CopyHarness.RowsAsync(source, "SELECT r FROM edge ORDER BY id");
        Assert.Equal(stored.Select(r => BitConverter.DoubleToInt64Bits((double)r[0]!)), rows.Select(r => BitConverter.DoubleToInt64Bits((double)r[1]!)));
        Assert.Equal(5e-324, rows[1][1]);
        Assert.Equal(["", null, "한국어 텍스트 🎉 emoji\ttab\\back"], rows.Select(r => r[2]));
        Assert.Equal(blob, rows[0][3]);
        Assert.Equal(Array.Empty<byte>(), rows[1][3]);
        Assert.Null(rows[2][3]);
        Assert.Equal([1L, 0L, 1L], rows.Select(r => r[4]));
        // Instants arrive as UTC wall-clock time, microseconds kept.
        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20), rows[0][5]);
        Assert.Equal(new DateTime(2024, 3, 1, 1, 0, 0).AddTicks(1234560), rows[0][6]);
        Assert.Equal(new DateTime(2024, 3, 1, 1, 0, 0), rows[1][6]);
        Assert.Equal([1240.11m, 0.1m, null], rows.Select(r => r[7]));
        Assert.Equal([0.1m, 2.5m, null], rows.Select(r => r[8]));

        // The default with backslashes means the same text on the server, whatever its sql_mode.
        await CopyHarness.ExecuteAsync(_target.Target, "INSERT INTO edge (id) VALUES (4)");
        Assert.Equal("C:\\dir\\", (await Target("SELECT slash FROM edge WHERE id = 4"))[0][0]);
        var types = await Target("SELECT column_type FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'edge' ORDER BY ordinal_position");
        Assert.Equal("decimal(65,30)", types[9][0]);
    }

    [Fact]
    public async Task AKeyOfZeroKeepsItsValue()
    {
        // MySQL's AUTO_INCREMENT reads an inserted 0 as "generate one" unless told otherwise.
        var source = await SourceWith("CREATE TABLE z (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO z VALUES (0, 'zero'), (1, 'one'), (-5, 'minus');");
        var report = await CopyHarness.CopyAsync(source, _target.Target);
        Assert.Empty(report.Problems);
        Assert.Equal([-5L, 0L, 1L], (await Target("SELECT id FROM z ORDER BY id")).Select(r => r[0]));
        Assert.Equal("zero", (await Target("SELECT v FROM z WHERE id = 0"))[0][0]);
        // And the key keeps generating past the largest one.
        await CopyHarness.ExecuteAsync(_target.Target, "INSERT INTO z (v) VALUES ('next')");
        Assert.Equal(2L, (await Target("SELECT id FROM z WHERE v = 'next'"))[0][0]);
    }

    [Theory]
    [InlineData("9e999", "Infinity")]
    [InlineData("-9e999", "-Infinity")]
    public async Task InfinityIsRefusedByName(string value, string shown)
    {
        var source = await SourceWith($"CREATE TABLE inf (id INTEGER PRIMARY KEY, r REAL); INSERT INTO inf VALUES (1, 1.5), (2, {value}), (3, 2.5);");
        var error = await Assert.ThrowsAsync<CopyRefusedException>(() => CopyHarness.CopyAsync(source, _target.Target));
        Assert.Contains("Row (id=2) of inf, column r", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{shown} cannot be stored by MySQL", error.Message, StringComparison.Ordinal);
        // The load was rolled back and the table this copy created dropped again.
        Assert.Equal(0L, (await Target("SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'inf'"))[0][0]);
    }

    [Fact]
    public async Task AKeyValueLongerThanItsBoundFailsTheLoadNotTheValue()
    {
        var source = await SourceWith($"CREATE TABLE k (code TEXT PRIMARY KEY); INSERT INTO k VALUES ('short'), ('{new string('x', 769)}');");
        var error = await Assert.ThrowsAsync<FerryException>(() => CopyHarness.CopyAsync(source, _target.Target));
        Assert.Contains("Loading k wrote", error.Message, StringComparison.Ordinal);
        Assert.Contains("code", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, (await Target("SELECT count(*) FROM k"))[0][0]);
    }

    [Fact]
    public async Task WideTextColumnsFitMySqlsRowAndKeepTheirLengths()
    {
        var source = await SourceWith($"CREATE TABLE wide (id INTEGER PRIMARY KEY, a VARCHAR(10000), b VARCHAR(12000), c VARCHAR(20000)); INSERT INTO wide VALUES (1, '{new string('a', 10000)}', '가', '{new string('c', 20000)}');");
        var report = await CopyHarness.CopyAsync(source, _target.Target);
        Assert.Empty(report.Problems);
        Assert.Equal([10000L, "가", 20000L], (await Target("SELECT char_length(a), b, char_length(c) FROM wide"))[0]);
        await Assert.ThrowsAsync<FerryException>(() => CopyHarness.ExecuteAsync(_target.Target, $"INSERT INTO wide (b) VALUES ('{new string('b', 12001)}')"));
        await CopyHarness.ExecuteAsync(_target.Target, $"INSERT INTO wide (b) VALUES ('{new string('b', 12000)}')");
    }

    [Fact]
    public async Task ExistingTablesAreDroppedOrEmptiedDespiteForeignKeys()
    {
        var source = await SourceWith(SqliteFixture.Ddl);
        await CopyHarness.CopyAsync(source, _target.Target);

        var refused = await Assert.ThrowsAsync<FerryException>(() => CopyHarness.CopyAsync(source, _target.Target));
        Assert.Contains("already holds rows", refused.Message, StringComparison.Ordinal);
        var dropped = await CopyHarness.CopyAsync(source, _target.Target, new CopyOptions { IfExists = IfExists.Drop });
        Assert.Empty(dropped.Problems);
        var emptied = await CopyHarness.CopyAsync(source, _target.Target, new CopyOptions { IfExists = IfExists.Truncate });
        Assert.Empty(emptied.Problems);
        Assert.Equal(7L, (await Target("SELECT count(*) FROM `메시지`"))[0][0]);
        // The session's checks are back on: the foreign keys still hold.
        await Assert.ThrowsAsync<FerryException>(() => CopyHarness.ExecuteAsync(_target.Target, "INSERT INTO `order` (id, user_id) VALUES (99, 999)"));
    }

    [Fact]
    public async Task OrphansGetTheForeignKeyOnlyWhenAskedAndNewRowsAreChecked()
    {
        var source = await SourceWith("""
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id));
            INSERT INTO parent VALUES (1); INSERT INTO child VALUES (1, 1), (2, 7);
            """);
        var report = await CopyHarness.CopyAsync(source, _target.Target);
        Assert.Contains(report.Problems, p => p.Contains("child (parent_id) → parent was not created: 1 rows", StringComparison.Ordinal));

        var forced = await CopyHarness.CopyAsync(source, _target.Target, new CopyOptions { IfExists = IfExists.Drop, ForeignKeysNotValid = true });
        Assert.Empty(forced.Problems);
        Assert.Contains(forced.Warnings, w => w.Contains("child (parent_id) → parent was added without checking the existing rows", StringComparison.Ordinal));
        Assert.Equal(2L, (await Target("SELECT count(*) FROM child"))[0][0]);
        await Assert.ThrowsAsync<FerryException>(() => CopyHarness.ExecuteAsync(_target.Target, "INSERT INTO child VALUES (3, 8)"));
        await CopyHarness.ExecuteAsync(_target.Target, "INSERT INTO child VALUES (3, 1)");
    }
}

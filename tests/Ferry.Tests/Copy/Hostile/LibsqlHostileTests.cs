using Ferry.Copy;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy.Hostile;

/// <summary>
/// An sqld namespace of what SQLite's typing lets applications store (every storage class in one column,
/// invalid UTF-8, ±Infinity, reals at their limits, integers at 64 bits' ends, a WITHOUT ROWID table,
/// generated columns, odd defaults, a unique key holding 'a' and 'A') copied into every engine with --rejects
/// and compared through the canonical encoding: each value exact or refused by name, no table lost.
/// </summary>
public sealed class LibsqlHostileTests() : HostileCorpusTests("sqld", Corpus)
{
    private const string Corpus = """
        CREATE TABLE mixed (id INTEGER PRIMARY KEY, anything, num NUMERIC, made DATETIME, flag BOOLEAN, doc JSON, name VARCHAR(5), price DECIMAL(6,2), r REAL, n INTEGER, b BLOB);
        INSERT INTO mixed VALUES
          (1, 1, 1.2345678901234568E+29, '2024-01-02 03:04:05', 1, '{"b":1,"a":2}', 'short', 12.5, 1240.11, 9223372036854775807, X'00FF'),
          (2, 'text', 42, '2024-02-29T23:59:59.123456Z', 0, '[1,2.50,1e400]', 'much longer', 1000.005, -0.0, -9223372036854775808, 'text in a blob'),
          (3, X'89504E47', 1e-300, 1700000000, 'true', 'not json', '한국어', 'abc', 9e999, 'seven', X''),
          (4, 2.5, NULL, '2024-01-02T03:04:05+09:00', 2, '{"a":{"b":[null]}}', '', 0.1, 5e-324, 2.0, NULL),
          (5, NULL, -0.0, '1969-12-31 23:59:59', 'FALSE', '"x"', NULL, -99.99, 1.0, NULL, X'DEADBEEF'),
          (6, CAST(X'FF41' AS TEXT), 7, 'yesterday', 1, '{}', 'a' || char(0) || 'b', 7, -9e999, 7, 'x'),
          (7, 'plain', 3.25, '2023-11-14 22:13:20', 0, '{"k":"값"}', 'ok', 0.5, 0.1, 0, X'01'),
          (8, '🎉', 100, '0001-01-01 00:00:00', 1, '[]', 'abcde', 9999.99, 1.7976931348623157e308, 1, X'0203'),
          (9, 'y', -5, '9999-12-31 23:59:59.999999', 0, 'null', 'z', -0.01, 2.2250738585072014e-308, -1, X''),
          (10, 9007199254740993, 9007199254740993, NULL, NULL, NULL, NULL, NULL, -1.7976931348623157e308, 9007199254740993, NULL);
        -- Each hostile value alone in its row, so that one refusal does not hide another.
        CREATE TABLE reals (id INTEGER PRIMARY KEY, r REAL);
        INSERT INTO reals VALUES (1, 9e999), (2, -9e999), (3, -0.0), (4, 5e-324), (5, 1.7976931348623157e308), (6, 0.1), (7, 1e-300), (8, NULL);
        CREATE TABLE texts (id INTEGER PRIMARY KEY, t TEXT);
        INSERT INTO texts VALUES (1, CAST(X'FF41' AS TEXT)), (2, CAST(X'C328' AS TEXT)), (3, 'a' || char(0) || 'b'), (4, '🎉👍🏽'), (5, ''), (6, 42), (7, X'00'), (8, 1.5);
        CREATE TABLE keyed (id INTEGER NOT NULL, code TEXT PRIMARY KEY, weight REAL) WITHOUT ROWID;
        INSERT INTO keyed VALUES (2, 'b', 0.5), (1, 'a', -0.0), (3, 'A', 1e308);
        CREATE TABLE computed (id INTEGER PRIMARY KEY, a INTEGER, twice INTEGER GENERATED ALWAYS AS (a * 2) VIRTUAL, label TEXT GENERATED ALWAYS AS ('n' || a) STORED);
        INSERT INTO computed (id, a) VALUES (1, 21), (2, NULL), (3, -4611686018427387904);
        CREATE TABLE odd_defaults (id INTEGER PRIMARY KEY AUTOINCREMENT, made DATETIME DEFAULT CURRENT_TIMESTAMP, epoch INTEGER DEFAULT (strftime('%s','now')),
          note TEXT DEFAULT 'it''s', neg INTEGER DEFAULT -1, r REAL DEFAULT 1e308, b BLOB DEFAULT X'00', quoted INTEGER DEFAULT '"0"');
        INSERT INTO odd_defaults (id, made, epoch) VALUES (0, '2024-01-01 00:00:00', 1704067200), (1, '2024-01-02 00:00:00', 1704153600);
        INSERT INTO odd_defaults (id, made, epoch, note, neg) VALUES (2, '2024-01-03 00:00:00', 1704240000, NULL, NULL);
        -- Case duplicates under a unique key that compares bytes: a target comparing without case must refuse the key by name.
        CREATE TABLE names (id INTEGER PRIMARY KEY, login TEXT UNIQUE, email TEXT COLLATE NOCASE UNIQUE);
        -- And 'b' and 'b ', which MariaDB's utf8mb4_bin (PAD SPACE) takes for one: the key is refused by name, the rows arrive.
        INSERT INTO names VALUES (1, 'a', 'x@example.com'), (2, 'A', 'y@example.com'), (3, 'ä', NULL), (4, 'Ä', NULL), (5, 'b', NULL), (6, 'b ', NULL);
        CREATE TABLE "order" ("id" INTEGER PRIMARY KEY, "select" TEXT, "a_column_name_of_sixty_four_bytes_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" INTEGER);
        INSERT INTO "order" VALUES (1, 'from', 64);
        CREATE TABLE "a_table_name_of_exactly_sixty_four_characters_xxxxxxxxxxxxxxxxxx" (id INTEGER PRIMARY KEY, v);
        INSERT INTO "a_table_name_of_exactly_sixty_four_characters_xxxxxxxxxxxxxxxxxx" VALUES (1, 1);
        CREATE TABLE no_key (id INTEGER, v);
        INSERT INTO no_key VALUES (1, 'x'), (2, 1e999), (3, X'FF');
        """;

    [Fact]
    public async Task AUniqueKeyMySqlCannotHoldIsRefusedByNameAndItsRowsArrive()
    {
        await using var target = await ScratchDatabase.MySqlAsync();
        var report = await CopyHarness.CopyAsync(Source.Target, target.Target, new CopyOptions { Tables = ["names"] });

        Assert.Contains(report.Problems, p => p.StartsWith("names: the unique key (login) could not be created", StringComparison.Ordinal));
        var logins = await CopyHarness.RowsAsync(target.Target, "SELECT id, HEX(login) FROM names ORDER BY id");
        Assert.Equal(["61", "41", "C3A4", "C384", "62", "6220"], logins.Select(r => (string)r[1]!));
    }
}

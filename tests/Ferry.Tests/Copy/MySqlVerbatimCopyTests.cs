using Ferry.Connections;
using Ferry.Engines.MySql;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>
/// MariaDB to MariaDB carries every value as stored and every table as written: a hostile source per
/// family of types, each cell compared by its bytes on both sides, each table by its SHOW CREATE TABLE.
/// </summary>
public sealed class MySqlVerbatimCopyTests
{
    /// <summary>
    /// Values a copy chosen from neutral types would round, refuse or rewrite. The session is not strict
    /// and allows zero and invalid dates, as old applications' databases were written.
    /// </summary>
    private const string Hostile = """
        SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO,ALLOW_INVALID_DATES';
        CREATE TABLE numbers (
          id int PRIMARY KEY,
          big bigint unsigned,
          small tinyint,
          exact decimal(65,30),
          single float,
          twice double,
          bits bit(13),
          full64 bit(64)
        );
        INSERT INTO numbers VALUES
          (1, 18446744073709551615, -128, '12345678901234567890123456789012345.123456789012345678901234567891', 16777215, 0.30000000000000004e0, b'1010101010101', b'1111111111111111111111111111111111111111111111111111111111111111'),
          (2, 0, 127, '-0.000000000000000000000000000001', 1.1, -0e0, 0, 0),
          (3, 9223372036854775808, 0, 0, -3.4028234663852886e38, 5e-324, NULL, NULL),
          (4, NULL, NULL, NULL, 1.17549435e-38, 1.7976931348623157e308, NULL, NULL);
        CREATE TABLE temporal (
          id int PRIMARY KEY,
          d date,
          dt datetime(6),
          ts timestamp(3) NULL DEFAULT NULL,
          t time(6),
          y year
        );
        INSERT INTO temporal VALUES
          (1, '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00', '838:59:59', 0),
          (2, '2024-00-00', '2024-02-00 12:34:56.123456', '2038-01-19 03:14:07.999', '-838:59:59.000000', 1901),
          (3, '2024-02-30', '9999-12-31 23:59:59.999999', '1970-01-01 00:00:01', '-00:00:00.000001', 2155),
          (4, '1000-01-01', NULL, NULL, '100:00:00.5', 2024);
        CREATE TABLE strings (
          id int PRIMARY KEY,
          name varchar(20) COLLATE utf8mb4_general_ci,
          latin varchar(10) CHARACTER SET latin1,
          note text,
          raw varbinary(8),
          fixed binary(4),
          blobby blob,
          pad char(5),
          kind enum('small', 'Large', ''),
          flags set('a', 'b', 'c'),
          doc json,
          KEY name (name)
        );
        INSERT INTO strings VALUES
          (1, 'Ann', _latin1 x'80819DE9', 'a\tb\nc\\d\0e', x'00ff', x'01', x'00', 'ab', 'Large', 'a,c', '{"b": 1,  "a": [1, 2.50]}'),
          (2, 'ANN', 'café', '', x'', x'', x'', '', '', '', '[]'),
          (3, 'ann  ', NULL, '안녕하세요 👋', NULL, NULL, NULL, NULL, 'small', 'a,b,c', NULL),
          (4, '👋', '', NULL, x'5c0a09', x'ffffffff', NULL, 'x', NULL, NULL, '"text"');
        CREATE TABLE keyed (
          id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
          qty int NOT NULL DEFAULT (1 + 1),
          price decimal(10,2) CHECK (price >= 0),
          total decimal(12,2) AS (qty * price) STORED,
          label varchar(30) AS (concat('#', qty)) VIRTUAL,
          made datetime DEFAULT current_timestamp(),
          CONSTRAINT positive CHECK (qty > 0)
        );
        INSERT INTO keyed (qty, price) VALUES (1, 1.50), (2, 2.25), (3, 0), (4, 9.99), (5, 10);
        DELETE FROM keyed WHERE id >= 4;
        CREATE TABLE child (
          id int PRIMARY KEY,
          keyed_id bigint unsigned,
          CONSTRAINT child_keyed FOREIGN KEY (keyed_id) REFERENCES keyed (id) ON DELETE CASCADE
        );
        INSERT INTO child VALUES (1, 1), (2, NULL);
        """;

    private static readonly string[] Tables = ["numbers", "temporal", "strings", "keyed", "child"];

    [Fact]
    public async Task EveryValueAndTableArrivesAsStored()
    {
        await using var source = await ScratchDatabase.MySqlAsync();
        await CopyHarness.ExecuteAsync(source.Target, Hostile);
        await using var target = await ScratchDatabase.MySqlAsync();

        var report = await CopyHarness.CopyAsync(source.Target, target.Target);

        Assert.Empty(report.Problems);
        Assert.Empty(report.Warnings);
        foreach (var table in Tables)
        {
            // The AUTO_INCREMENT=6 table option included: the counter stays ahead of the largest key (3).
            Assert.Equal(await CreateTableAsync(source.Target, table), await CreateTableAsync(target.Target, table));
            var cells = await CellsAsync(source.Target, table);
            Assert.NotEmpty(cells);
            Assert.Equal(cells, await CellsAsync(target.Target, table));
        }

        // Spot checks that the bytes compared are the values meant, on the target.
        var zero = await CopyHarness.RowsAsync(target.Target, "SELECT CAST(d AS CHAR), CAST(dt AS CHAR), CAST(t AS CHAR), CAST(y AS CHAR) FROM temporal WHERE id = 1");
        Assert.Equal(["0000-00-00", "0000-00-00 00:00:00.000000", "838:59:59.000000", "0000"], zero[0]);
        var numbers = await CopyHarness.RowsAsync(target.Target, "SELECT CAST(big AS CHAR), CAST(exact AS CHAR), CAST(single * 1e0 AS CHAR), bits + 0 FROM numbers WHERE id = 1");
        Assert.Equal(["18446744073709551615", "12345678901234567890123456789012345.123456789012345678901234567891", "16777215", 5461L], numbers[0]);

        // The next generated key is the source's next one, not max(id) + 1.
        foreach (var at in new[] { source.Target, target.Target })
            await CopyHarness.ExecuteAsync(at, "INSERT INTO keyed (qty, price) VALUES (7, 1)");
        Assert.Equal(6L, (await CopyHarness.RowsAsync(target.Target, "SELECT max(id) FROM keyed"))[0][0]);
        Assert.Equal(await CellsAsync(source.Target, "keyed"), await CellsAsync(target.Target, "keyed"));
    }

    private static async Task<string> CreateTableAsync(ConnectionTarget at, string table) =>
        (string)(await CopyHarness.RowsAsync(at, "SHOW CREATE TABLE " + MySqlDialect.Default.Quote(table)))[0][1]!;

    /// <summary>
    /// Each cell as the hex of its bytes; a FLOAT or DOUBLE also by all 17 digits of its double (its own
    /// text has 6 for FLOAT) and its sign, which tells -0 from 0. Rows in key order.
    /// </summary>
    private static async Task<List<string>> CellsAsync(ConnectionTarget at, string table)
    {
        var q = MySqlDialect.Default;
        var columns = await CopyHarness.RowsAsync(at,
            $"SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = {q.QuoteLiteral(table)} ORDER BY ORDINAL_POSITION");
        var cells = columns.SelectMany(c =>
        {
            var name = q.Quote((string)c[0]!);
            var hex = $"HEX(CAST({name} AS BINARY))";
            return (string)c[1]! is "float" or "double" ? [hex, $"CAST({name} * 1e0 AS CHAR)", $"ATAN2({name}, -1) < 0"] : new[] { hex };
        });
        var rows = await CopyHarness.RowsAsync(at, $"SELECT {string.Join(", ", cells)} FROM {q.Quote(table)} ORDER BY id");
        return rows.Select(r => string.Join(" | ", r.Select(v => v?.ToString() ?? "NULL"))).ToList();
    }
}

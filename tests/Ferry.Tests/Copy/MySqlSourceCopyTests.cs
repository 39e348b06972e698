using Ferry.Tests.Engines.MySql;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>The MySQL hostile-names fixture out of MariaDB, into PostgreSQL and SQLite: counts, values, keys that keep generating.</summary>
public sealed class MySqlSourceCopyTests(MySqlFixture mysql) : IClassFixture<MySqlFixture>
{
    private static readonly string[] Tables = ["User", "order", "메시지", "my \"quoted\" table", "pair"];

    private static async Task<long[]> Counts(ScratchDatabase target)
    {
        var counts = new List<long>();
        foreach (var table in Tables)
            counts.Add(Convert.ToInt64((await CopyHarness.RowsAsync(target.Target, $"SELECT count(*) FROM {Ferry.Engines.AnsiDialect.Instance.Quote(table)}"))[0][0], System.Globalization.CultureInfo.InvariantCulture));
        return [.. counts];
    }

    [Fact]
    public async Task MariaDbToPostgres()
    {
        await using var target = await ScratchDatabase.PostgresAsync();
        var report = await CopyHarness.CopyAsync(mysql.Target, target.Target);

        Assert.Empty(report.Problems);
        var counts = await Counts(target);
        Assert.Equal(new long[] { 3, 5, 7, 0, 2 }, counts);
        var users = await CopyHarness.RowsAsync(target.Target, "SELECT id, email, \"display name\", \"isActive\" FROM \"User\" ORDER BY id");
        Assert.Equal([[1L, "a@example.com", "안녕하세요 👋", true], [2L, "b@example.com", null, false], [3L, "c@example.com", "", true]], users);
        var messages = await CopyHarness.RowsAsync(target.Target, "SELECT \"내용\", \"say \"\"hi\"\"\", \"back`tick\"::text FROM \"메시지\" ORDER BY \"아이디\"");
        Assert.Equal(["안녕하세요 👋", "it's a \\ \"fine\" day", "{\"a\": 1}"], messages[0]);
        Assert.Equal(["", null, null], messages[1]);
        Assert.Equal([10.50m, 0m, 99.99m, 1m, 2.25m], (await CopyHarness.RowsAsync(target.Target, "SELECT total FROM \"order\" ORDER BY id")).Select(r => r[0]));

        // Keys keep generating past the copied ones; the MySQL default with a backslash means the same text.
        await CopyHarness.ExecuteAsync(target.Target, "INSERT INTO \"메시지\" (\"내용\") VALUES ('새 메시지')");
        var added = await CopyHarness.RowsAsync(target.Target, "SELECT \"아이디\", \"say \"\"hi\"\"\", \"it's\" FROM \"메시지\" WHERE \"내용\" = '새 메시지'");
        Assert.Equal([8L, "it's a \\ \"fine\" day", 42L], added[0]);
    }

    [Fact]
    public async Task MariaDbToSqlite()
    {
        await using var target = ScratchDatabase.SqliteFile();
        var report = await CopyHarness.CopyAsync(mysql.Target, target.Target);

        Assert.Empty(report.Problems);
        var counts = await Counts(target);
        Assert.Equal(new long[] { 3, 5, 7, 0, 2 }, counts);
        var messages = await CopyHarness.RowsAsync(target.Target, "SELECT \"아이디\", \"내용\", \"say \"\"hi\"\"\", \"it's\", \"back`tick\", order_id FROM \"메시지\" ORDER BY \"아이디\"");
        Assert.Equal([1L, "안녕하세요 👋", "it's a \\ \"fine\" day", 1L, "{\"a\": 1}", 1L], messages[0]);
        Assert.Equal([7L, "여섯 🎉", "w", 6L, "{}", null], messages[6]);
        var pair = await CopyHarness.RowsAsync(target.Target, "SELECT a, b FROM pair ORDER BY b");
        Assert.Equal([[1L, "x"], [1L, "y"]], pair);

        await CopyHarness.ExecuteAsync(target.Target, "INSERT INTO \"order\" (user_id, total) VALUES (1, 3)");
        Assert.Equal(6L, (await CopyHarness.RowsAsync(target.Target, "SELECT max(id) FROM \"order\""))[0][0]);
    }

    [Fact]
    public async Task ACollationNotCarriedIsOneWarningPerTableAndCollation()
    {
        await using var source = await ScratchDatabase.MySqlAsync();
        await CopyHarness.ExecuteAsync(source.Target, """
            CREATE TABLE people (
              id INT PRIMARY KEY,
              login VARCHAR(20) COLLATE utf8mb4_bin,
              email VARCHAR(50) COLLATE utf8mb4_bin,
              name VARCHAR(50) CHARACTER SET latin1 COLLATE latin1_swedish_ci,
              bio TEXT COLLATE utf8mb4_bin
            ) DEFAULT CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci
            """);
        var plan = await CopyHarness.PlanAsync(source.Target, Ferry.Connections.EngineKind.Postgres);
        Assert.Equal(
            [
                "people: columns login, email, bio use collation utf8mb4_bin, which is not carried to PostgreSQL: comparisons there follow the target's default.",
                "people.name uses collation latin1_swedish_ci, which is not carried to PostgreSQL: comparisons there follow the target's default.",
            ],
            plan.Warnings.Where(w => w.Contains("collation", StringComparison.Ordinal)).ToList());
    }
}

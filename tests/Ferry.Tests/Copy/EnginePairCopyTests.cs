using Ferry.Connections;
using Ferry.Copy;
using Ferry.Engines;
using Ferry.Schema;
using Ferry.Tests.Engines.Postgres;
using Ferry.Tests.Engines.Sqlite;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>The hostile-names fixture between engine pairs: schema as the target's catalog reports it, rows value by value.</summary>
public sealed class EnginePairCopyTests : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private readonly PostgresFixture _postgres;
    private ScratchDatabase _sqliteSource = null!;

    public EnginePairCopyTests(PostgresFixture postgres) => _postgres = postgres;

    public async Task InitializeAsync()
    {
        _sqliteSource = ScratchDatabase.SqliteFile();
        await CopyHarness.ExecuteAsync(_sqliteSource.Target, SqliteFixture.Ddl + "DELETE FROM \"User\" WHERE id = 3; INSERT INTO \"User\" (id, email) VALUES (3, 'c@example.kr');");
    }

    public async Task DisposeAsync() => await _sqliteSource.DisposeAsync();

    private static async Task<DatabaseSchema> SchemaOf(ConnectionTarget at)
    {
        await using var db = await Databases.OpenAsync(at, new OpenOptions(), default);
        return await db.ReadSchemaAsync(default);
    }

    private static async Task AssertSameRows(ConnectionTarget source, ConnectionTarget target, string table)
    {
        var q = AnsiDialect.Instance.Quote(table);
        var expected = await CopyHarness.RowsAsync(source, $"SELECT * FROM {q} ORDER BY 1, 2");
        var actual = await CopyHarness.RowsAsync(target, $"SELECT * FROM {q} ORDER BY 1, 2");
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i]);
    }

    private async Task AssertSameDialectCopy(ScratchDatabase target)
    {
        var report = await CopyHarness.CopyAsync(_sqliteSource.Target, target.Target);
        Assert.Empty(report.Problems);

        var before = await SchemaOf(_sqliteSource.Target);
        var after = await SchemaOf(target.Target);
        Assert.Equal(before.Tables.Select(t => t.Name), after.Tables.Select(t => t.Name));
        foreach (var table in before.Tables)
        {
            var copy = after.FindTable(table.Name)!;
            Assert.Equal(table.Columns.Select(c => (c.Name, c.DeclaredType, c.Nullable, c.Default, c.Identity, c.GeneratedExpression, c.Collation)),
                copy.Columns.Select(c => (c.Name, c.DeclaredType, c.Nullable, c.Default, c.Identity, c.GeneratedExpression, c.Collation)));
            Assert.Equal(table.PrimaryKey?.Columns, copy.PrimaryKey?.Columns);
            Assert.Equal(table.ForeignKeys, copy.ForeignKeys, (a, b) => a.ReferencedTable == b.ReferencedTable && a.Columns.SequenceEqual(b.Columns) && a.OnDelete == b.OnDelete && a.OnUpdate == b.OnUpdate);
            Assert.Equal(table.Indexes.Where(i => !i.BacksConstraint).Select(i => (i.Name, i.Unique, i.Predicate)).Order(), copy.Indexes.Where(i => !i.BacksConstraint).Select(i => (i.Name, i.Unique, i.Predicate)).Order());
            Assert.Equal(table.Uniques.Select(u => string.Join(",", u.Columns)), copy.Uniques.Select(u => string.Join(",", u.Columns)));
            Assert.Equal(table.Checks.Select(c => c.Expression), copy.Checks.Select(c => c.Expression));
            Assert.Equal(table.WithoutRowId, copy.WithoutRowId);
            Assert.Equal(table.RowCount, copy.RowCount);
            await AssertSameRows(_sqliteSource.Target, target.Target, table.Name);
        }
        Assert.Equal(before.Views.Select(v => v.Name), after.Views.Select(v => v.Name));
        Assert.Equal(before.Triggers.Select(t => t.Name), after.Triggers.Select(t => t.Name));
        Assert.Equal(before.Sequences.Select(s => (s.Name, s.LastValue)), after.Sequences.Select(s => (s.Name, s.LastValue)));
    }

    [Fact]
    public async Task SqliteToSqliteKeepsEveryDeclaration()
    {
        await using var target = ScratchDatabase.SqliteFile();
        await AssertSameDialectCopy(target);
    }

    [Fact]
    public async Task SqliteToSqldKeepsEveryDeclaration()
    {
        await using var target = await ScratchDatabase.SqldAsync();
        await AssertSameDialectCopy(target);
    }

    [Fact]
    public async Task PostgresToSqliteCarriesRowsAndSaysWhatItCannotCarry()
    {
        await using var target = ScratchDatabase.SqliteFile();
        var report = await CopyHarness.CopyAsync(_postgres.Target, target.Target);
        Assert.Empty(report.Problems);
        Assert.Contains(report.Warnings, w => w.Contains("collation C", StringComparison.Ordinal));
        Assert.Contains(report.Warnings, w => w.Contains("is generated in the source", StringComparison.Ordinal));

        var after = await SchemaOf(target.Target);
        Assert.Equal(new[] { "User", "my \"quoted\" table", "order", "pair", "메시지" }.Order(StringComparer.Ordinal), after.Tables.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal([3L, 5L, 7L, 0L, 2L], new[] { "User", "order", "메시지", "my \"quoted\" table", "pair" }.Select(n => after.FindTable(n)!.RowCount!.Value));
        Assert.Equal(Identity.AutoIncrement, after.FindTable("메시지")!.FindColumn("아이디")!.Identity);
        var fk = Assert.Single(after.FindTable("메시지")!.ForeignKeys);
        Assert.Equal(("order", ForeignKeyAction.SetNull, ForeignKeyAction.Cascade), (fk.ReferencedTable, fk.OnDelete, fk.OnUpdate));

        var messages = await CopyHarness.RowsAsync(target.Target, "SELECT \"내용\", \"say \"\"hi\"\"\", \"it's\", \"back`tick\" FROM \"메시지\" ORDER BY \"아이디\"");
        Assert.Equal(["안녕하세요 👋", "hi", "it's", "`"], messages[0]);
        Assert.Equal(["", "", "", ""], messages[2]);
        var pair = await CopyHarness.RowsAsync(target.Target, "SELECT a, b, feeling, tags FROM pair ORDER BY a");
        Assert.Equal([1L, "one", "happy", "[\"x\",\"y\"]"], pair[0]);
        var order = await CopyHarness.RowsAsync(target.Target, "SELECT total FROM \"order\" WHERE total > 1000");
        Assert.Equal(99999999.99, Assert.Single(order)[0]);

        // The copied key keeps generating where the source left off.
        await CopyHarness.ExecuteAsync(target.Target, "INSERT INTO \"메시지\" (\"내용\") VALUES ('새 메시지')");
        Assert.Equal(8L, (await CopyHarness.RowsAsync(target.Target, "SELECT max(\"아이디\") FROM \"메시지\""))[0][0]);
    }

    [Fact]
    public async Task ANegativeZeroSqliteWouldFoldIsRefusedByName()
    {
        await using var source = await ScratchDatabase.PostgresAsync();
        await CopyHarness.ExecuteAsync(source.Target, "CREATE TABLE m (id int PRIMARY KEY, x double precision); INSERT INTO m VALUES (1, 1.5), (2, '-0'::float8)");
        await using var target = ScratchDatabase.SqliteFile();
        var error = await Assert.ThrowsAsync<CopyRefusedException>(() => CopyHarness.CopyAsync(source.Target, target.Target));
        Assert.Contains("Row (id=2) of m, column x: the real -0.0 would be stored by SQLite REAL as the real 0.0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgresToMariaDbCarriesRowsAndKeysOnText()
    {
        await using var target = await ScratchDatabase.MySqlAsync();
        var report = await CopyHarness.CopyAsync(_postgres.Target, target.Target);
        Assert.Empty(report.Problems);
        Assert.Contains(report.Warnings, w => w.Contains("Index 메시지_lower on 메시지 indexes expressions", StringComparison.Ordinal));

        var counts = new List<long>();
        foreach (var table in new[] { "User", "order", "메시지", "my \"quoted\" table", "pair" })
            counts.Add((long)(await CopyHarness.RowsAsync(target.Target, $"SELECT count(*) FROM {Ferry.Engines.MySql.MySqlDialect.Default.Quote(table)}"))[0][0]!);
        Assert.Equal(new long[] { 3, 5, 7, 0, 2 }, counts);
        var messages = await CopyHarness.RowsAsync(target.Target, "SELECT `내용`, `say \"hi\"`, `it's`, `back``tick` FROM `메시지` ORDER BY `아이디`");
        Assert.Equal(["안녕하세요 👋", "hi", "it's", "`"], messages[0]);
        Assert.Equal(["넷", "q\"q", "o'o", "b`b"], messages[3]);
        // pair's primary key (integer, text): the text part is bounded so InnoDB can index it whole.
        var pair = await CopyHarness.RowsAsync(target.Target, "SELECT a, b, feeling, tags FROM pair ORDER BY a");
        Assert.Equal([1L, "one", "happy", "[\"x\",\"y\"]"], pair[0]);
        Assert.Equal("varchar(384)", (await CopyHarness.RowsAsync(target.Target, "SELECT column_type FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'pair' AND column_name = 'b'"))[0][0]);
        Assert.Equal(99999999.99m, (await CopyHarness.RowsAsync(target.Target, "SELECT total FROM `order` WHERE total > 1000"))[0][0]);

        // The identity continues where the source left off.
        await CopyHarness.ExecuteAsync(target.Target, "INSERT INTO `메시지` (`내용`) VALUES ('새 메시지')");
        Assert.Equal(8L, (await CopyHarness.RowsAsync(target.Target, "SELECT max(`아이디`) FROM `메시지`"))[0][0]);
    }
}

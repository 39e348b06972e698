using Xunit;
using Ferry.Connections;
using Ferry.Engines;
using Ferry.Schema;

namespace Ferry.Tests.Engines.Libsql;

/// <summary>
/// What Ferry reads from a sqld namespace against what sqld's own catalog says, queried with raw
/// HTTP requests that share nothing with Ferry's client.
/// </summary>
public class LibsqlSchemaTests(LibsqlFixture fixture) : IClassFixture<LibsqlFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string UserTables = "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

    private async Task<DatabaseSchema> ReadSchema()
    {
        await using var database = await fixture.Namespace.OpenAsync(AccessMode.ReadOnly);
        return await database.ReadSchemaAsync(None);
    }

    [Fact]
    public async Task TablesAndColumnsMatchTheCatalog()
    {
        var schema = await ReadSchema();
        var tables = await fixture.Namespace.RawQueryAsync($"SELECT m.name FROM sqlite_master m WHERE {UserTables} ORDER BY m.name");
        Assert.Equal(tables.Select(t => (string)t[0]!), schema.Tables.Select(t => t.Name));
        Assert.Equal(["User", "my \"quoted\" table", "order", "pair", "메시지"], schema.Tables.Select(t => t.Name));

        var columns = await fixture.Namespace.RawQueryAsync(
            $"SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p WHERE {UserTables} ORDER BY m.name, p.cid");
        var ferry = schema.Tables.SelectMany(t => t.Columns.Select(c => (Table: t.Name, Column: c))).ToList();
        Assert.Equal(columns.Count, ferry.Count);
        for (var i = 0; i < columns.Count; i++)
        {
            var (table, column) = ferry[i];
            Assert.Equal((string)columns[i][0]!, table);
            Assert.Equal((string)columns[i][1]!, column.Name);
            Assert.Equal((string)columns[i][2]!, column.DeclaredType);
            Assert.Equal(columns[i][4] as string, column.Default);
            // SQLite reports notnull=0 for a rowid alias, which can never hold NULL: the one known difference.
            if ((long)columns[i][5]! == 0) Assert.Equal((long)columns[i][3]! == 0, column.Nullable);
        }
    }

    [Fact]
    public async Task KeysIndexesAndForeignKeysMatchTheCatalog()
    {
        var schema = await ReadSchema();
        foreach (var table in schema.Tables)
        {
            var quoted = "'" + table.Name.Replace("'", "''") + "'";
            var pk = await fixture.Namespace.RawQueryAsync($"SELECT name FROM pragma_table_info({quoted}) WHERE pk > 0 ORDER BY pk");
            Assert.Equal(pk.Select(r => (string)r[0]!), table.PrimaryKey?.Columns ?? []);

            var indexes = await fixture.Namespace.RawQueryAsync($"SELECT name, \"unique\", partial FROM pragma_index_list({quoted}) ORDER BY name");
            Assert.Equal(indexes.Select(r => (string)r[0]!), table.Indexes.Select(i => i.Name).Order(StringComparer.Ordinal));
            foreach (var row in indexes)
            {
                var index = table.Indexes.Single(i => i.Name == (string)row[0]!);
                Assert.Equal((long)row[1]! == 1, index.Unique);
                Assert.Equal((long)row[2]! == 1, index.Predicate is not null);
            }

            var fks = await fixture.Namespace.RawQueryAsync($"SELECT \"from\", \"table\", \"to\", on_update, on_delete FROM pragma_foreign_key_list({quoted}) ORDER BY id, seq");
            Assert.Equal(fks.Count, table.ForeignKeys.Sum(f => f.Columns.Count));
            foreach (var row in fks)
            {
                var fk = table.ForeignKeys.Single(f => f.Columns.Contains((string)row[0]!));
                Assert.Equal((string)row[1]!, fk.ReferencedTable);
                Assert.Equal((string)row[2]!, fk.ReferencedColumns[fk.Columns.ToList().IndexOf((string)row[0]!)]);
                Assert.Equal(((string)row[3]!).Replace(' ', '_'), Action(fk.OnUpdate));
                Assert.Equal(((string)row[4]!).Replace(' ', '_'), Action(fk.OnDelete));
            }
        }
    }

    private static string Action(ForeignKeyAction action) => action switch
    {
        ForeignKeyAction.NoAction => "NO_ACTION",
        ForeignKeyAction.SetNull => "SET_NULL",
        ForeignKeyAction.SetDefault => "SET_DEFAULT",
        _ => action.ToString().ToUpperInvariant(),
    };

    [Fact]
    public async Task RowCountsAreExactAndMatchCountStar()
    {
        var schema = await ReadSchema();
        foreach (var (table, expected) in LibsqlFixtureSchema.RowCounts)
        {
            var counted = await fixture.Namespace.RawQueryAsync($"SELECT count(*) FROM \"{table.Replace("\"", "\"\"")}\"");
            Assert.Equal(expected, (long)counted[0][0]!);
            Assert.Equal(expected, schema.FindTable(table)!.RowCount);
        }
        Assert.All(schema.Tables, t => Assert.True(t.SizeBytes > 0, $"{t.Name} has no size"));
        Assert.True(schema.SizeBytes > 0);
        Assert.Equal(EngineKind.Libsql, schema.Engine);
        Assert.StartsWith("3.", schema.ServerVersion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandWrittenExpectations()
    {
        var schema = await ReadSchema();
        var user = schema.FindTable("User")!;
        Assert.Equal(Identity.AutoIncrement, user.FindColumn("id")!.Identity);
        Assert.False(user.FindColumn("email")!.Nullable);
        Assert.Equal("CURRENT_TIMESTAMP", user.FindColumn("createdAt")!.Default);
        Assert.Equal("true", user.FindColumn("isActive")!.Default);
        Assert.Equal(["email"], Assert.Single(user.Uniques).Columns);

        var order = schema.FindTable("order")!;
        var toUser = Assert.Single(order.ForeignKeys);
        Assert.Equal("User", toUser.ReferencedTable);
        Assert.Equal(ForeignKeyAction.Cascade, toUser.OnDelete);
        Assert.Equal(ForeignKeyAction.NoAction, toUser.OnUpdate);
        var check = Assert.Single(order.Checks);
        Assert.Equal("order_total_positive", check.Name);
        Assert.Equal("total >= 0", check.Expression);
        Assert.Equal(NeutralType.Decimal, order.FindColumn("total")!.Type);
        Assert.Equal((10, 2), (order.FindColumn("total")!.Precision, order.FindColumn("total")!.Scale));

        var message = schema.FindTable("메시지")!;
        var toOrder = Assert.Single(message.ForeignKeys);
        Assert.Equal((ForeignKeyAction.SetNull, ForeignKeyAction.Cascade), (toOrder.OnDelete, toOrder.OnUpdate));
        Assert.Contains(message.Columns, c => c.Name == "say \"hi\"");
        Assert.Contains(message.Columns, c => c.Name == "it's");
        Assert.Contains(message.Columns, c => c.Name == "back`tick");
        Assert.Equal("order_id IS NOT NULL", message.Indexes.Single(i => i.Name == "메시지_partial_idx").Predicate);
        Assert.Equal([null], message.Indexes.Single(i => i.Name == "메시지_lower_idx").Columns);
        Assert.Equal(["내용"], message.Indexes.Single(i => i.Name == "메시지_내용_idx").Columns);

        var quoted = schema.FindTable("my \"quoted\" table")!;
        Assert.Null(quoted.PrimaryKey);
        Assert.Equal(["a", "b"], Assert.Single(quoted.Uniques).Columns);
        var doubled = quoted.FindColumn("doubled")!;
        Assert.Equal("b * 2", doubled.GeneratedExpression);
        Assert.True(doubled.GeneratedStored);

        Assert.Equal(["a", "b"], schema.FindTable("pair")!.PrimaryKey!.Columns);
        Assert.Equal("active users", Assert.Single(schema.Views).Name);
        var trigger = Assert.Single(schema.Triggers);
        Assert.Equal(("order_note_default", "order"), (trigger.Name, trigger.Table));
        Assert.Equal(3, Assert.Single(schema.Sequences, s => s.Name == "User").LastValue);
    }

    [Fact]
    public async Task ViewsAndTriggersKeepTheServersText()
    {
        var schema = await ReadSchema();
        var stored = await fixture.Namespace.RawQueryAsync("SELECT name, sql FROM sqlite_master WHERE type IN ('view', 'trigger') ORDER BY name");
        Assert.Equal((string)stored[0][1]!, schema.Views.Single().Definition);
        Assert.Equal((string)stored[1][1]!, schema.Triggers.Single().Definition);
        // The trigger ran on insert: a semicolon inside its body survived Ferry's statement splitting.
        await using var database = await fixture.Namespace.OpenAsync(AccessMode.ReadOnly);
        var notes = await database.QueryAsync("SELECT note FROM \"order\" WHERE id = 2", None);
        Assert.Equal("auto; set", notes[0][0]);
    }

    [Fact]
    public async Task PingSaysWhichServerAndSqlite()
    {
        await using var database = await fixture.Namespace.OpenAsync(AccessMode.ReadOnly);
        var info = await database.PingAsync(None);
        Assert.Equal(EngineKind.Libsql, info.Engine);
        Assert.Matches(@"^sqld \d+\.\d+.*, SQLite 3\.\d+\.\d+$", info.Version);
        Assert.True(info.RoundTrip > TimeSpan.Zero);
        Assert.Contains(fixture.Namespace.Name, info.Where, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryReturnsLongDoubleStringBytesAndNull()
    {
        await using var database = await fixture.Namespace.OpenAsync(AccessMode.ReadOnly);
        var row = Assert.Single(await database.QueryAsync(
            "SELECT 9223372036854775807, -9223372036854775808, 1.5, '안녕하세요 👋', x'00ff10', NULL, '', 0.1, x'01'", None));
        Assert.Equal(long.MaxValue, Assert.IsType<long>(row[0]));
        Assert.Equal(long.MinValue, Assert.IsType<long>(row[1]));
        Assert.Equal(1.5, Assert.IsType<double>(row[2]));
        Assert.Equal("안녕하세요 👋", Assert.IsType<string>(row[3]));
        Assert.Equal(new byte[] { 0, 255, 16 }, Assert.IsType<byte[]>(row[4]));
        Assert.Null(row[5]);
        Assert.Equal("", row[6]);
        Assert.Equal(0.1, row[7]);
        Assert.Equal(new byte[] { 1 }, row[8]); // sent by sqld as "AQ", without padding
    }

    [Fact]
    public async Task StreamingReadsTheSameRowsAsQuery()
    {
        await using var database = await fixture.Namespace.OpenAsync(AccessMode.ReadOnly);
        const string sql = "SELECT \"아이디\", \"내용\", \"say \"\"hi\"\"\", order_id FROM \"메시지\" ORDER BY 1";
        var queried = await database.QueryAsync(sql, None);
        var streamed = new List<object?[]>();
        await foreach (var row in ((Ferry.Engines.Libsql.LibsqlDatabase)database).StreamAsync(sql, None)) streamed.Add(row);
        Assert.Equal(7, streamed.Count);
        Assert.Equal(queried, streamed);
        Assert.Equal("안녕하세요 👋", streamed[0][1]);
    }

    [Fact]
    public async Task SqlErrorsNameTheServerAndTheError()
    {
        await using var database = await fixture.Namespace.OpenAsync(AccessMode.ReadOnly);
        var e = await Assert.ThrowsAsync<Ferry.Errors.FerryException>(() => database.QueryAsync("SELECT * FROM nope", None));
        Assert.Equal(Ferry.Errors.FerryErrorKind.Failed, e.Kind);
        Assert.Contains("no such table: nope", e.Message, StringComparison.Ordinal);
        Assert.Contains(fixture.Namespace.Name, e.Message, StringComparison.Ordinal);
    }
}

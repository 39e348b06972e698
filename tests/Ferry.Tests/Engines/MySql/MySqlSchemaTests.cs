using System.Globalization;
using Ferry.Engines;
using Ferry.Schema;
using Xunit;

namespace Ferry.Tests.Engines.MySql;

/// <summary>
/// ReadSchemaAsync against the hostile fixture, checked two ways: against what the server's own
/// catalog says when asked differently (SHOW FULL COLUMNS, SHOW INDEX, per-table information_schema
/// and count(*) queries), and against hand-written expectations.
/// </summary>
public sealed class MySqlSchemaTests(MySqlFixture fixture) : IClassFixture<MySqlFixture>
{
    private static readonly string[] TableNames = ["User", "my \"quoted\" table", "order", "pair", "메시지"];

    private IDatabase Source => fixture.Source;

    private async Task<DatabaseSchema> Schema() => await Source.ReadSchemaAsync(default);

    private Task<IReadOnlyList<object?[]>> Catalog(string sql) => Source.QueryAsync(sql, default);

    private string Literal(string value) => Source.Dialect.QuoteLiteral(value);

    [Fact]
    public async Task Tables_are_the_user_tables_in_ordinal_order_with_exact_row_counts()
    {
        var schema = await Schema();
        Assert.Equal(TableNames, schema.Tables.Select(t => t.Name));
        Assert.Equal([3L, 0L, 5L, 2L, 7L], schema.Tables.Select(t => t.RowCount ?? -1));
        foreach (var table in schema.Tables)
        {
            var count = (await Catalog($"SELECT count(*) FROM {Source.Dialect.Quote(table.Name)}"))[0][0];
            Assert.Equal(count, table.RowCount);
            Assert.Null(table.Schema);
        }
        Assert.DoesNotContain(schema.Tables, t => t.Name == "active users");
    }

    [Fact]
    public async Task Columns_match_show_full_columns()
    {
        var schema = await Schema();
        foreach (var table in schema.Tables)
        {
            var rows = await Catalog($"SHOW FULL COLUMNS FROM {Source.Dialect.Quote(table.Name)}");
            // Field, Type, Collation, Null, Key, Default, Extra, Privileges, Comment
            Assert.Equal(rows.Select(r => (string)r[0]!), table.Columns.Select(c => c.Name));
            foreach (var (row, column) in rows.Zip(table.Columns))
            {
                Assert.Equal((string)row[1]!, column.DeclaredType);
                Assert.Equal(row[2] as string, column.Collation);
                Assert.Equal((string)row[3]! == "YES", column.Nullable);
                var extra = (string)row[6]!;
                Assert.Equal(extra.Contains("auto_increment", StringComparison.Ordinal), column.Identity == Identity.MySqlAutoIncrement);
                Assert.Equal(extra.Contains("GENERATED", StringComparison.Ordinal), column.GeneratedExpression is not null);
            }
        }
    }

    [Fact]
    public async Task Defaults_match_information_schema_with_null_as_no_default()
    {
        var schema = await Schema();
        foreach (var table in schema.Tables)
        {
            var rows = await Catalog(
                "SELECT COLUMN_NAME, COLUMN_DEFAULT FROM information_schema.COLUMNS " +
                $"WHERE TABLE_SCHEMA = {Literal(fixture.DatabaseName)} AND TABLE_NAME = {Literal(table.Name)} ORDER BY ORDINAL_POSITION");
            foreach (var (row, column) in rows.Zip(table.Columns))
            {
                var reported = row[1] as string;
                // MariaDB writes a NULL default as the word NULL; MySQL as SQL NULL. Both mean "none".
                Assert.Equal(reported is null or "NULL" ? null : reported, column.Default);
            }
        }
        var user = schema.FindTable("User")!;
        Assert.Equal("current_timestamp()", user.FindColumn("createdAt")!.Default);
        Assert.Equal("1", user.FindColumn("isActive")!.Default);
        Assert.Null(user.FindColumn("display name")!.Default);
        var message = schema.FindTable("메시지")!;
        // The default is an expression: the literal quoted, quote and backslash escaped as MariaDB writes them.
        Assert.Equal("'it''s a \\\\ \"fine\" day'", message.FindColumn("say \"hi\"")!.Default);
        Assert.Equal("42", message.FindColumn("it's")!.Default);
        Assert.Equal("0.00", schema.FindTable("order")!.FindColumn("total")!.Default);
    }

    [Fact]
    public async Task Types_map_to_neutral_types_with_sizes()
    {
        var schema = await Schema();
        var user = schema.FindTable("User")!;
        Assert.Equal(NeutralType.Int32, user.FindColumn("id")!.Type);
        Assert.Equal(Identity.MySqlAutoIncrement, user.FindColumn("id")!.Identity);
        Assert.False(user.FindColumn("id")!.Nullable);
        Assert.Equal((NeutralType.Text, 255), (user.FindColumn("email")!.Type, user.FindColumn("email")!.Length!.Value));
        Assert.False(user.FindColumn("email")!.Nullable);
        Assert.Equal(NeutralType.Text, user.FindColumn("display name")!.Type);
        Assert.Equal(NeutralType.TimestampTz, user.FindColumn("createdAt")!.Type);
        Assert.Equal(("tinyint(1)", NeutralType.Boolean), (user.FindColumn("isActive")!.DeclaredType, user.FindColumn("isActive")!.Type));

        var total = schema.FindTable("order")!.FindColumn("total")!;
        Assert.Equal(("decimal(10,2)", NeutralType.Decimal, 10, 2), (total.DeclaredType, total.Type, total.Precision!.Value, total.Scale!.Value));

        var message = schema.FindTable("메시지")!;
        Assert.Equal(NeutralType.Int64, message.FindColumn("아이디")!.Type);
        Assert.Equal(Identity.MySqlAutoIncrement, message.FindColumn("아이디")!.Identity);
        // MariaDB's JSON is longtext with an implicit json_valid check; Ferry sees through it.
        var json = message.FindColumn("back`tick")!;
        Assert.Equal(NeutralType.Json, json.Type);

        var quoted = schema.FindTable("my \"quoted\" table")!;
        Assert.Equal(NeutralType.Float64, quoted.FindColumn("ratio")!.Type);
        Assert.Equal(NeutralType.Float32, quoted.FindColumn("approx")!.Type);
        Assert.Equal(NeutralType.Blob, quoted.FindColumn("payload")!.Type);
        Assert.Equal(NeutralType.Int16, quoted.FindColumn("tiny")!.Type);
        Assert.Equal((NeutralType.Decimal, 20, 0), (quoted.FindColumn("huge")!.Type, quoted.FindColumn("huge")!.Precision!.Value, quoted.FindColumn("huge")!.Scale!.Value));
        Assert.Equal((NeutralType.Timestamp, 6), (quoted.FindColumn("at")!.Type, quoted.FindColumn("at")!.Precision!.Value));
        Assert.Equal("utf8mb4_bin", quoted.FindColumn("b")!.Collation);
    }

    [Fact]
    public async Task Generated_columns_keep_their_expression_and_storage()
    {
        var quoted = (await Schema()).FindTable("my \"quoted\" table")!;
        var rows = await Catalog(
            "SELECT COLUMN_NAME, GENERATION_EXPRESSION, EXTRA FROM information_schema.COLUMNS " +
            $"WHERE TABLE_SCHEMA = {Literal(fixture.DatabaseName)} AND TABLE_NAME = {Literal(quoted.Name)} AND GENERATION_EXPRESSION <> ''");
        Assert.Equal(2, rows.Count);
        foreach (var row in rows)
        {
            var column = quoted.FindColumn((string)row[0]!)!;
            Assert.Equal(row[1], column.GeneratedExpression);
            Assert.Equal(((string)row[2]!).Contains("STORED", StringComparison.Ordinal), column.GeneratedStored);
            Assert.Null(column.Default);
        }
        Assert.True(quoted.FindColumn("doubled")!.GeneratedStored);
        Assert.Equal("`a` * 2", quoted.FindColumn("doubled")!.GeneratedExpression);
        Assert.False(quoted.FindColumn("tripled")!.GeneratedStored);
        Assert.Null(quoted.FindColumn("a")!.GeneratedExpression);
    }

    [Fact]
    public async Task Primary_keys_and_unique_constraints()
    {
        var schema = await Schema();
        Assert.Equal(new PrimaryKey("PRIMARY", ["id"]), schema.FindTable("User")!.PrimaryKey, PrimaryKeyComparer.Instance);
        Assert.Equal(["a", "b"], schema.FindTable("pair")!.PrimaryKey!.Columns);
        Assert.Equal(["아이디"], schema.FindTable("메시지")!.PrimaryKey!.Columns);
        Assert.Null(schema.FindTable("my \"quoted\" table")!.PrimaryKey);

        var email = Assert.Single(schema.FindTable("User")!.Uniques);
        Assert.Equal(["email"], email.Columns);
        var composite = Assert.Single(schema.FindTable("my \"quoted\" table")!.Uniques);
        Assert.Equal("uq a,b", composite.Name);
        Assert.Equal(["a", "b"], composite.Columns);
        Assert.Empty(schema.FindTable("pair")!.Uniques);
    }

    [Fact]
    public async Task Foreign_keys_match_referential_constraints()
    {
        var schema = await Schema();
        var rows = await Catalog(
            "SELECT TABLE_NAME, CONSTRAINT_NAME, REFERENCED_TABLE_NAME, UPDATE_RULE, DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS " +
            $"WHERE CONSTRAINT_SCHEMA = {Literal(fixture.DatabaseName)}");
        Assert.Equal(rows.Count, schema.Tables.Sum(t => t.ForeignKeys.Count));
        foreach (var row in rows)
        {
            var key = Assert.Single(schema.FindTable((string)row[0]!)!.ForeignKeys, k => k.Name == (string)row[1]!);
            Assert.Equal(row[2], key.ReferencedTable);
            Assert.Equal(Rule((string)row[3]!), key.OnUpdate);
            Assert.Equal(Rule((string)row[4]!), key.OnDelete);
        }

        var toUser = Assert.Single(schema.FindTable("order")!.ForeignKeys);
        Assert.Equal(("order_user", "User", ForeignKeyAction.Cascade), (toUser.Name, toUser.ReferencedTable, toUser.OnDelete));
        Assert.Equal(["user_id"], toUser.Columns);
        Assert.Equal(["id"], toUser.ReferencedColumns);
        // Same database: no schema, so a copy into a database of another name still points home.
        Assert.Null(toUser.ReferencedSchema);

        var toOrder = Assert.Single(schema.FindTable("메시지")!.ForeignKeys);
        Assert.Equal(("메시지_order", "order", ForeignKeyAction.SetNull, ForeignKeyAction.Cascade),
            (toOrder.Name, toOrder.ReferencedTable, toOrder.OnDelete, toOrder.OnUpdate));
        Assert.Equal(["order_id"], toOrder.Columns);
    }

    [Fact]
    public async Task Indexes_match_show_index()
    {
        var schema = await Schema();
        foreach (var table in schema.Tables)
        {
            // Table, Non_unique, Key_name, Seq_in_index, Column_name, Collation, Cardinality, Sub_part, ...
            var rows = await Catalog($"SHOW INDEX FROM {Source.Dialect.Quote(table.Name)}");
            var expected = rows.GroupBy(r => (string)r[2]!)
                .ToDictionary(g => g.Key, g => (Unique: Convert.ToInt64(g.First()[1], CultureInfo.InvariantCulture) == 0,
                    Columns: g.OrderBy(r => Convert.ToInt64(r[3], CultureInfo.InvariantCulture)).Select(r => r[4] as string).ToList()));
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), table.Indexes.Select(i => i.Name).Order(StringComparer.Ordinal));
            foreach (var index in table.Indexes)
            {
                Assert.Equal(expected[index.Name].Unique, index.Unique);
                Assert.Equal(expected[index.Name].Columns, index.Columns);
                Assert.Null(index.Predicate); // MySQL has no partial indexes
            }
        }
        var message = schema.FindTable("메시지")!;
        var content = Assert.Single(message.Indexes, i => i.Name == "메시지_내용");
        Assert.Equal(["내용"], content.Columns);
        Assert.False(content.Unique || content.BacksConstraint);
        // The prefix length, which the neutral model has no field for, survives in the definition.
        Assert.Equal("KEY `메시지_내용` (`내용`(100))", content.Definition);

        var primary = Assert.Single(schema.FindTable("pair")!.Indexes);
        Assert.Equal(("PRIMARY", true, true, "PRIMARY KEY (`a`,`b`)"), (primary.Name, primary.Unique, primary.BacksConstraint, primary.Definition));
        Assert.True(Assert.Single(schema.FindTable("my \"quoted\" table")!.Indexes).BacksConstraint);
    }

    [Fact]
    public async Task Checks_match_the_catalog_without_the_implicit_json_check()
    {
        var schema = await Schema();
        var rows = await Catalog(
            "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS " +
            $"WHERE CONSTRAINT_SCHEMA = {Literal(fixture.DatabaseName)}");
        // MariaDB lists the json type's own CHECK (json_valid(`back``tick`)) beside the table's.
        var json = Assert.Single(rows, r => (string)r[1]! == "back`tick");
        Assert.Contains("json_valid", (string)json[2]!, StringComparison.OrdinalIgnoreCase);

        var check = Assert.Single(schema.Tables.SelectMany(t => t.Checks));
        var catalog = Assert.Single(rows, r => (string)r[1]! == "order_total_positive");
        Assert.Equal(new CheckConstraint("order_total_positive", (string)catalog[2]!), check);
        Assert.Contains(check, schema.FindTable("order")!.Checks);
        Assert.Equal("`total` >= 0", check.Expression);
    }

    [Fact]
    public async Task Views_triggers_and_auto_increment_state()
    {
        var schema = await Schema();
        var view = Assert.Single(schema.Views);
        Assert.Equal("active users", view.Name);
        Assert.Contains("`User`", view.Definition, StringComparison.Ordinal);
        // The server qualifies every name with the database; Ferry drops it so the view can move.
        Assert.DoesNotContain(fixture.DatabaseName, view.Definition, StringComparison.Ordinal);

        var trigger = Assert.Single(schema.Triggers);
        Assert.Equal(("order_note", "order"), (trigger.Name, trigger.Table));
        Assert.StartsWith("CREATE TRIGGER `order_note` BEFORE INSERT ON `order` FOR EACH ROW ", trigger.Definition, StringComparison.Ordinal);
        Assert.Contains("COALESCE(NEW.note, '')", trigger.Definition, StringComparison.Ordinal);

        var rows = await Catalog(
            $"SELECT TABLE_NAME, AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = {Literal(fixture.DatabaseName)} AND AUTO_INCREMENT IS NOT NULL");
        Assert.Equal(rows.Select(r => (string)r[0]!).Order(StringComparer.Ordinal), schema.Sequences.Select(s => s.Name).Order(StringComparer.Ordinal));
        foreach (var row in rows)
            Assert.Equal(Convert.ToInt64(row[1], CultureInfo.InvariantCulture) - 1, schema.Sequences.Single(s => s.Name == (string)row[0]!).LastValue);
        var messages = schema.Sequences.Single(s => s.OwnedByTable == "메시지");
        Assert.Equal(("아이디", 7L), (messages.OwnedByColumn, messages.LastValue!.Value));
        Assert.Equal(3L, schema.Sequences.Single(s => s.OwnedByTable == "User").LastValue);
    }

    [Fact]
    public async Task Sizes_and_sessions_come_from_the_server()
    {
        var schema = await Schema();
        var rows = await Catalog(
            $"SELECT TABLE_NAME, DATA_LENGTH + INDEX_LENGTH FROM information_schema.TABLES WHERE TABLE_SCHEMA = {Literal(fixture.DatabaseName)} AND TABLE_TYPE = 'BASE TABLE'");
        foreach (var row in rows)
            Assert.Equal(Convert.ToInt64(row[1], CultureInfo.InvariantCulture), schema.FindTable((string)row[0]!)!.SizeBytes);
        Assert.All(schema.Tables, t => Assert.True(t.SizeBytes > 0));
        Assert.Equal(schema.Tables.Sum(t => t.SizeBytes), schema.SizeBytes);
        Assert.True(schema.OpenConnections >= 1, "this session is open on the database");
        Assert.Equal(Ferry.Connections.EngineKind.MySql, schema.Engine);
        Assert.Equal((await Catalog("SELECT VERSION()"))[0][0], schema.ServerVersion);
    }

    private static ForeignKeyAction Rule(string rule) => rule switch
    {
        "CASCADE" => ForeignKeyAction.Cascade,
        "SET NULL" => ForeignKeyAction.SetNull,
        "SET DEFAULT" => ForeignKeyAction.SetDefault,
        "RESTRICT" => ForeignKeyAction.Restrict,
        _ => ForeignKeyAction.NoAction,
    };

    private sealed class PrimaryKeyComparer : IEqualityComparer<PrimaryKey?>
    {
        public static readonly PrimaryKeyComparer Instance = new();

        public bool Equals(PrimaryKey? x, PrimaryKey? y) => x?.Name == y?.Name && (x?.Columns ?? []).SequenceEqual(y?.Columns ?? []);

        public int GetHashCode(PrimaryKey? obj) => obj?.Name?.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}

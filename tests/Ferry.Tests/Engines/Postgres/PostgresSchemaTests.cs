using Ferry.Engines;
using Ferry.Schema;
using Xunit;

namespace Ferry.Tests.Engines.Postgres;

/// <summary>
/// ReadSchemaAsync against what PostgreSQL's own catalog says, asked independently (mostly through
/// information_schema), plus hand-written expectations for the facts the fixture was built to show.
/// </summary>
public sealed class PostgresSchemaTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Tables_are_the_user_tables_in_ordinal_order_with_exact_counts()
    {
        await using var db = await fixture.OpenAsync(AccessMode.ReadOnly);
        var schema = await db.ReadSchemaAsync(None);

        Assert.Equal(["User", "my \"quoted\" table", "order", "pair", "메시지"], schema.Tables.Select(t => t.Name));
        Assert.All(schema.Tables, t => Assert.Equal("public", t.Schema));
        var catalog = await Strings(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
        Assert.Equal(catalog.Select(r => r[0]).Order(StringComparer.Ordinal), schema.Tables.Select(t => t.Name));

        Assert.Equal([3L, 0L, 5L, 2L, 7L], schema.Tables.Select(t => t.RowCount!.Value));
        foreach (var table in schema.Tables)
        {
            var counted = await db.QueryAsync($"SELECT count(*) FROM {db.Dialect.Quote(table.Name)}", None);
            Assert.Equal((long)counted[0][0]!, table.RowCount);
            var size = await db.QueryAsync($"SELECT pg_total_relation_size({db.Dialect.QuoteLiteral(db.Dialect.Quote(table.Name))}::regclass)", None);
            Assert.Equal((long)size[0][0]!, table.SizeBytes);
            Assert.True(table.SizeBytes > 0);
        }

        var version = await db.QueryAsync("SHOW server_version", None);
        Assert.StartsWith(schema.ServerVersion, (string)version[0][0]!, StringComparison.Ordinal);
        Assert.Matches(@"^\d+\.\d+$", schema.ServerVersion);
        var databaseSize = await db.QueryAsync("SELECT pg_database_size(current_database())", None);
        Assert.InRange(schema.SizeBytes!.Value, (long)databaseSize[0][0]! / 2, (long)databaseSize[0][0]! * 2);
        Assert.True(schema.OpenConnections >= 1);
    }

    [Fact]
    public async Task Columns_match_information_schema()
    {
        await using var db = await fixture.OpenAsync(AccessMode.ReadOnly);
        var schema = await db.ReadSchemaAsync(None);
        var rows = await db.QueryAsync(
            "SELECT table_name, column_name, is_nullable, column_default, data_type, character_maximum_length, numeric_precision, numeric_scale, " +
            "is_identity, identity_generation, is_generated, generation_expression, collation_name " +
            "FROM information_schema.columns c WHERE table_schema = 'public' " +
            "AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE') " +
            "ORDER BY table_name, ordinal_position", None);

        foreach (var table in schema.Tables)
        {
            var expected = rows.Where(r => (string)r[0]! == table.Name).ToList();
            Assert.Equal(expected.Select(r => (string)r[1]!), table.Columns.Select(c => c.Name));
            foreach (var (row, column) in expected.Zip(table.Columns))
            {
                var what = $"{table.Name}.{column.Name}";
                Assert.True((string)row[2]! == "YES" == column.Nullable, what);
                Assert.Equal(row[3] as string, column.Default);
                Assert.StartsWith((string)row[4]! switch { "USER-DEFINED" => "mood", "ARRAY" => "text[]", var t => t }, column.DeclaredType, StringComparison.Ordinal);
                Assert.Equal(row[5] is null ? null : Convert.ToInt32(row[5]), column.Length);
                if (column.Type == NeutralType.Decimal)
                {
                    Assert.Equal(Convert.ToInt32(row[6]), column.Precision);
                    Assert.Equal(Convert.ToInt32(row[7]), column.Scale);
                }
                var identity = (string)row[8]! == "YES" ? (string)row[9]! : null;
                Assert.Equal(identity switch { "ALWAYS" => Identity.IdentityAlways, "BY DEFAULT" => Identity.IdentityByDefault, _ => (Identity?)null },
                    column.Identity is Identity.IdentityAlways or Identity.IdentityByDefault ? column.Identity : null);
                Assert.Equal((string)row[10]! == "ALWAYS", column.GeneratedStored);
                Assert.Equal(row[11] as string, column.GeneratedExpression);
                Assert.Equal(row[12] as string, column.Collation);
            }
        }

        var user = schema.FindTable("User")!;
        Assert.Equal(new Column { Name = "id", DeclaredType = "integer", Type = NeutralType.Int32, Nullable = false, Identity = Identity.IdentityByDefault }, user.FindColumn("id"));
        Assert.Equal("CURRENT_TIMESTAMP", user.FindColumn("createdAt")!.Default);
        Assert.Equal(NeutralType.Timestamp, user.FindColumn("createdAt")!.Type);
        Assert.Equal("timestamp without time zone", user.FindColumn("createdAt")!.DeclaredType);
        Assert.Equal("true", user.FindColumn("isActive")!.Default);
        Assert.Equal(NeutralType.Boolean, user.FindColumn("isActive")!.Type);
        Assert.Equal(NeutralType.Text, user.FindColumn("display name")!.Type);

        var order = schema.FindTable("order")!;
        Assert.Equal(Identity.Serial, order.FindColumn("id")!.Identity);
        Assert.StartsWith("nextval('order_id_seq'", order.FindColumn("id")!.Default, StringComparison.Ordinal);
        Assert.Equal(Identity.None, order.FindColumn("user_id")!.Identity);
        var total = order.FindColumn("total")!;
        Assert.Equal(("numeric(10,2)", NeutralType.Decimal, 10, 2), (total.DeclaredType, total.Type, total.Precision!.Value, total.Scale!.Value));
        Assert.Equal("C", order.FindColumn("note")!.Collation);

        var message = schema.FindTable("메시지")!;
        Assert.Equal((Identity.IdentityAlways, NeutralType.Int64), (message.FindColumn("아이디")!.Identity, message.FindColumn("아이디")!.Type));
        var hi = message.FindColumn("say \"hi\"")!;
        Assert.Equal(("character varying(50)", NeutralType.Text, 50), (hi.DeclaredType, hi.Type, hi.Length!.Value));
        Assert.NotNull(message.FindColumn("it's"));
        Assert.NotNull(message.FindColumn("back`tick"));
        Assert.False(message.FindColumn("내용")!.Nullable);

        var pair = schema.FindTable("pair")!;
        Assert.Equal(("mood", NeutralType.Other), (pair.FindColumn("feeling")!.DeclaredType, pair.FindColumn("feeling")!.Type));
        Assert.Equal(("text[]", NeutralType.Other), (pair.FindColumn("tags")!.DeclaredType, pair.FindColumn("tags")!.Type));

        var generated = schema.FindTable("my \"quoted\" table")!.FindColumn("a and b")!;
        Assert.True(generated.GeneratedStored);
        Assert.Null(generated.Default);
        Assert.Contains("||", generated.GeneratedExpression, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_and_checks_match_information_schema()
    {
        await using var db = await fixture.OpenAsync(AccessMode.ReadOnly);
        var schema = await db.ReadSchemaAsync(None);

        var keys = await Strings(db,
            "SELECT tc.table_name, tc.constraint_name, tc.constraint_type, k.column_name FROM information_schema.table_constraints tc " +
            "JOIN information_schema.key_column_usage k ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name AND k.table_name = tc.table_name " +
            "WHERE tc.table_schema = 'public' AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE') ORDER BY tc.table_name, tc.constraint_name, k.ordinal_position");
        var expectedKeys = keys.GroupBy(r => (r[0], r[1], r[2])).Select(g => $"{g.Key.Item1}|{g.Key.Item2}|{g.Key.Item3}|{string.Join(",", g.Select(r => r[3]))}").Order(StringComparer.Ordinal);
        var actualKeys = schema.Tables.SelectMany(t =>
            (t.PrimaryKey is { } pk ? [$"{t.Name}|{pk.Name}|PRIMARY KEY|{string.Join(",", pk.Columns)}"] : Array.Empty<string>())
            .Concat(t.Uniques.Select(u => $"{t.Name}|{u.Name}|UNIQUE|{string.Join(",", u.Columns)}"))).Order(StringComparer.Ordinal);
        Assert.Equal(expectedKeys, actualKeys);

        var foreign = await Strings(db,
            "SELECT k.table_name, rc.constraint_name, k.column_name, r.table_schema, r.table_name, r.column_name, rc.delete_rule, rc.update_rule " +
            "FROM information_schema.referential_constraints rc " +
            "JOIN information_schema.key_column_usage k ON k.constraint_schema = rc.constraint_schema AND k.constraint_name = rc.constraint_name " +
            "JOIN information_schema.key_column_usage r ON r.constraint_schema = rc.unique_constraint_schema AND r.constraint_name = rc.unique_constraint_name " +
            "  AND r.ordinal_position = k.position_in_unique_constraint " +
            "WHERE rc.constraint_schema = 'public' ORDER BY 1, 2, k.ordinal_position");
        var expectedForeign = foreign.GroupBy(r => (r[0], r[1])).Select(g =>
            $"{g.Key.Item1}|{g.Key.Item2}|{string.Join(",", g.Select(r => r[2]))}|{g.First()[3]}.{g.First()[4]}|{string.Join(",", g.Select(r => r[5]))}|{g.First()[6]}|{g.First()[7]}")
            .Order(StringComparer.Ordinal);
        var actualForeign = schema.Tables.SelectMany(t => t.ForeignKeys.Select(f =>
            $"{t.Name}|{f.Name}|{string.Join(",", f.Columns)}|{f.ReferencedSchema}.{f.ReferencedTable}|{string.Join(",", f.ReferencedColumns)}|{Rule(f.OnDelete)}|{Rule(f.OnUpdate)}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expectedForeign, actualForeign);

        var checks = await Strings(db,
            "SELECT tc.table_name, cc.constraint_name, cc.check_clause FROM information_schema.check_constraints cc " +
            "JOIN information_schema.table_constraints tc ON tc.constraint_schema = cc.constraint_schema AND tc.constraint_name = cc.constraint_name " +
            "WHERE tc.table_schema = 'public' AND tc.constraint_type = 'CHECK' AND cc.check_clause NOT LIKE '% IS NOT NULL'");
        Assert.Equal(
            checks.Select(r => $"{r[0]}|{r[1]}|{Unwrap(r[2]!)}").Order(StringComparer.Ordinal),
            schema.Tables.SelectMany(t => t.Checks.Select(c => $"{t.Name}|{c.Name}|{Unwrap(c.Expression)}")).Order(StringComparer.Ordinal));

        // The facts the fixture was built to show, written by hand.
        var orderToUser = Assert.Single(schema.FindTable("order")!.ForeignKeys);
        Assert.Equal(["user_id"], orderToUser.Columns);
        Assert.Equal(["id"], orderToUser.ReferencedColumns);
        Assert.Equal(("public", "User", ForeignKeyAction.Cascade, ForeignKeyAction.NoAction),
            (orderToUser.ReferencedSchema, orderToUser.ReferencedTable, orderToUser.OnDelete, orderToUser.OnUpdate));
        var messageToOrder = Assert.Single(schema.FindTable("메시지")!.ForeignKeys);
        Assert.Equal(("order", ForeignKeyAction.SetNull, ForeignKeyAction.Cascade), (messageToOrder.ReferencedTable, messageToOrder.OnDelete, messageToOrder.OnUpdate));
        Assert.Equal("pair_pkey", schema.FindTable("pair")!.PrimaryKey!.Name);
        Assert.Equal(["a", "b"], schema.FindTable("pair")!.PrimaryKey!.Columns);
        Assert.Null(schema.FindTable("my \"quoted\" table")!.PrimaryKey);
        var unique = Assert.Single(schema.FindTable("my \"quoted\" table")!.Uniques);
        Assert.Equal("my \"quoted\" unique", unique.Name);
        Assert.Equal(["a", "b"], unique.Columns);
        var check = Assert.Single(schema.FindTable("order")!.Checks);
        Assert.Equal("order_total_positive", check.Name);
        Assert.Contains("total >= ", check.Expression, StringComparison.Ordinal);
        Assert.Equal("User_email_key", Assert.Single(schema.FindTable("User")!.Uniques).Name);
    }

    [Fact]
    public async Task Indexes_match_pg_indexes()
    {
        await using var db = await fixture.OpenAsync(AccessMode.ReadOnly);
        var schema = await db.ReadSchemaAsync(None);

        var catalog = await Strings(db, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'");
        Assert.Equal(
            catalog.Select(r => $"{r[0]}|{r[1]}|{r[2]}").Order(StringComparer.Ordinal),
            schema.Tables.SelectMany(t => t.Indexes.Select(i => $"{t.Name}|{i.Name}|{i.Definition}")).Order(StringComparer.Ordinal));

        var indexes = schema.FindTable("메시지")!.Indexes.ToDictionary(i => i.Name);
        Assert.Equal(["아이디"], indexes["메시지_pkey"].Columns);
        Assert.Equal((true, true, false), (indexes["메시지_pkey"].Unique, indexes["메시지_pkey"].BacksConstraint, indexes["메시지_pkey"].HasExpressions));
        Assert.Equal(["내용"], indexes["메시지_내용_idx"].Columns);
        Assert.Equal((false, false, (string?)null), (indexes["메시지_내용_idx"].Unique, indexes["메시지_내용_idx"].BacksConstraint, indexes["메시지_내용_idx"].Predicate));
        Assert.Equal(["order_id"], indexes["메시지 partial"].Columns);
        Assert.Equal("(order_id IS NOT NULL)", indexes["메시지 partial"].Predicate);
        Assert.Equal([(string?)null], indexes["메시지_lower"].Columns);
        Assert.True(indexes["메시지_lower"].HasExpressions);
        Assert.Contains("lower(", indexes["메시지_lower"].Definition, StringComparison.Ordinal);

        var userIndexes = schema.FindTable("User")!.Indexes;
        Assert.All(userIndexes, i => Assert.True(i.BacksConstraint && i.Unique));
        Assert.Equal(["User_email_key", "User_pkey"], userIndexes.Select(i => i.Name).Order(StringComparer.Ordinal));
        var quotedUnique = Assert.Single(schema.FindTable("my \"quoted\" table")!.Indexes);
        Assert.Equal(["a", "b"], quotedUnique.Columns);
        Assert.True(quotedUnique.BacksConstraint);
    }

    [Fact]
    public async Task Views_triggers_and_sequences_are_reported()
    {
        await using var db = await fixture.OpenAsync(AccessMode.ReadOnly);
        var schema = await db.ReadSchemaAsync(None);

        var views = await Strings(db, "SELECT table_name, view_definition FROM information_schema.views WHERE table_schema = 'public'");
        Assert.Equal(views.Select(r => $"public|{r[0]}|{r[1]}"), schema.Views.Select(v => $"{v.Schema}|{v.Name}|{v.Definition}"));
        Assert.Equal("active users", Assert.Single(schema.Views).Name);

        var triggers = await Strings(db, "SELECT DISTINCT trigger_name, event_object_table FROM information_schema.triggers WHERE trigger_schema = 'public'");
        Assert.Equal(triggers.Select(r => $"{r[0]}|{r[1]}"), schema.Triggers.Select(t => $"{t.Name}|{t.Table}"));
        var trigger = Assert.Single(schema.Triggers);
        Assert.Equal(("order before insert", "order"), (trigger.Name, trigger.Table));
        Assert.StartsWith("CREATE TRIGGER \"order before insert\" BEFORE INSERT ON", trigger.Definition, StringComparison.Ordinal);

        var sequences = schema.Sequences.ToDictionary(s => s.Name);
        Assert.Equal(["User_id_seq", "order_id_seq", "메시지_아이디_seq"], sequences.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new Sequence
        {
            Schema = "public", Name = "order_id_seq", OwnedByTable = "order", OwnedByColumn = "id", LastValue = 5, Position = (5, true),
            Options = "START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 CACHE 1 NO CYCLE",
        }, sequences["order_id_seq"]);
        Assert.Equal((3L, true, "User", "id"), (sequences["User_id_seq"].LastValue, sequences["User_id_seq"].Position!.Value.IsCalled, sequences["User_id_seq"].OwnedByTable, sequences["User_id_seq"].OwnedByColumn));
        // The one user type a column is declared with, its labels in order.
        var mood = Assert.Single(schema.Types);
        Assert.Equal(("mood", UserTypeKind.Enum, "happy,sad"), (mood.Name, mood.Kind, string.Join(",", mood.Labels)));
        Assert.Equal(7, sequences["메시지_아이디_seq"].LastValue);
    }

    private static string Rule(ForeignKeyAction action) => action switch
    {
        ForeignKeyAction.Cascade => "CASCADE",
        ForeignKeyAction.SetNull => "SET NULL",
        ForeignKeyAction.SetDefault => "SET DEFAULT",
        ForeignKeyAction.Restrict => "RESTRICT",
        _ => "NO ACTION",
    };

    /// <summary>Drops redundant outer parentheses: the catalog and the reader may wrap an expression differently.</summary>
    private static string Unwrap(string expression)
    {
        expression = expression.Trim();
        while (expression.StartsWith('(') && expression.EndsWith(')') && Balanced(expression[1..^1])) expression = expression[1..^1].Trim();
        return expression;
    }

    private static bool Balanced(string text)
    {
        var depth = 0;
        foreach (var c in text)
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) return false;
        }
        return depth == 0;
    }

    private static async Task<List<string?[]>> Strings(IDatabase db, string sql) =>
        (await db.QueryAsync(sql, None)).Select(r => r.Select(v => v?.ToString()).ToArray()).ToList();
}

using Ferry.Ddl;
using Ferry.Engines.MySql;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>
/// MySQL to MySQL carries views and triggers as the server writes them, without their DEFINER: each compared by
/// SHOW CREATE on both sides, a view over a view whose name sorts before it, and a trigger that fires on the target.
/// </summary>
public sealed class MySqlObjectsCopyTests
{
    private const string Source = """
        CREATE TABLE items (id int PRIMARY KEY, name varchar(20) NOT NULL, price decimal(8,2), slug varchar(40));
        INSERT INTO items VALUES (1, 'Tea', 2.50, 'tea'), (2, 'Coffee', 3.00, 'coffee'), (3, 'Water', 0.50, NULL);
        CREATE SQL SECURITY INVOKER VIEW cheap AS SELECT id, name, price FROM items WHERE price < 3 WITH CHECK OPTION;
        CREATE VIEW a_names AS SELECT name AS `cheap` FROM cheap ORDER BY name;
        CREATE TRIGGER items_slug BEFORE INSERT ON items FOR EACH ROW SET NEW.slug = lower(replace(NEW.name, ' ', '-'));
        """;

    [Fact]
    public async Task ViewsAndTriggersArriveAsWritten()
    {
        await using var source = await ScratchDatabase.MySqlAsync();
        await CopyHarness.ExecuteAsync(source.Target, Source);
        await using var target = await ScratchDatabase.MySqlAsync();

        var report = await CopyHarness.CopyAsync(source.Target, target.Target);

        Assert.True(report.Problems.Count == 0, string.Join('\n', report.Problems));
        Assert.True(report.Warnings.Count == 0, string.Join('\n', report.Warnings));
        // a_names reads cheap: created after it, though its name sorts first.
        Assert.Equal(["view cheap", "view a_names", "trigger items_slug"],
            report.Steps.Where(o => o.Step.Kind is StepKind.CreateView or StepKind.CreateTrigger).Select(o => o.Step.Object));
        Assert.All(report.Steps, o => Assert.Equal(StepStatus.Done, o.Status));
        Assert.All(report.Steps.Where(o => o.Step.Kind is StepKind.CreateView or StepKind.CreateTrigger),
            o => Assert.DoesNotContain("DEFINER=", o.Step.Sql, StringComparison.Ordinal));

        foreach (var view in new[] { "cheap", "a_names" })
            Assert.Equal(Unqualified(await ShowAsync(source, "VIEW", view, 1), source), Unqualified(await ShowAsync(target, "VIEW", view, 1), target));
        Assert.Contains("SQL SECURITY INVOKER", await ShowAsync(target, "VIEW", "cheap", 1), StringComparison.Ordinal);
        Assert.EndsWith("WITH CASCADED CHECK OPTION", await ShowAsync(target, "VIEW", "cheap", 1), StringComparison.Ordinal);
        // The trigger's statement as its author wrote it; the definer is the copying account on both sides here.
        Assert.Equal(await ShowAsync(source, "TRIGGER", "items_slug", 2), await ShowAsync(target, "TRIGGER", "items_slug", 2));
        Assert.Equal(["Tea", "Water"], (await CopyHarness.RowsAsync(target.Target, "SELECT cheap FROM a_names")).Select(r => (string)r[0]!));

        // The trigger fires on the target.
        await CopyHarness.ExecuteAsync(target.Target, "INSERT INTO items (id, name, price) VALUES (4, 'Green Tea', 2)");
        Assert.Equal("green-tea", (await CopyHarness.RowsAsync(target.Target, "SELECT slug FROM items WHERE id = 4"))[0][0]);
        // The view's check option holds there.
        await Assert.ThrowsAnyAsync<Exception>(() => CopyHarness.ExecuteAsync(target.Target, "INSERT INTO cheap (id, name, price) VALUES (5, 'Gold', 100)"));
    }

    /// <summary>The target holds a view of that name: refused with the server's code, the view over it skipped, the rest made.</summary>
    [Fact]
    public async Task ARefusedViewIsReportedAndTheRestLands()
    {
        await using var source = await ScratchDatabase.MySqlAsync();
        await CopyHarness.ExecuteAsync(source.Target, Source);
        await using var target = await ScratchDatabase.MySqlAsync();
        await CopyHarness.ExecuteAsync(target.Target, "CREATE VIEW cheap AS SELECT 'the user''s own' AS x");

        var report = await CopyHarness.CopyAsync(source.Target, target.Target);

        var outcomes = report.Steps.Where(o => o.Step.Kind is StepKind.CreateView or StepKind.CreateTrigger).ToDictionary(o => o.Step.Object);
        // 1050: ER_TABLE_EXISTS_ERROR, a table or view of that name.
        Assert.Equal((StepStatus.Failed, "1050"), (outcomes["view cheap"].Status, outcomes["view cheap"].Code));
        Assert.Equal(StepStatus.Skipped, outcomes["view a_names"].Status);
        Assert.Equal(StepStatus.Done, outcomes["trigger items_slug"].Status);
        var problem = Assert.Single(report.Problems);
        Assert.StartsWith("The view cheap could not be created: MySQL error 1050 ", problem, StringComparison.Ordinal);
        Assert.EndsWith($"The statement was: {outcomes["view cheap"].Step.Sql}", problem, StringComparison.Ordinal);
        Assert.Equal(3L, report.Tables.Single().Written);
        Assert.Equal("the user's own", (await CopyHarness.RowsAsync(target.Target, "SELECT x FROM cheap"))[0][0]);
    }

    [Theory]
    [InlineData("CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW `v` AS select 1 AS `DEFINER=x`",
        "CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `v` AS select 1 AS `DEFINER=x`")]
    [InlineData("CREATE DEFINER=`app``s`@`%` TRIGGER t BEFORE INSERT ON items FOR EACH ROW SET NEW.slug = 'x'",
        "CREATE TRIGGER t BEFORE INSERT ON items FOR EACH ROW SET NEW.slug = 'x'")]
    [InlineData("CREATE DEFINER=CURRENT_USER TRIGGER t BEFORE INSERT ON items FOR EACH ROW SET NEW.slug = 'DEFINER=`a`@`b` '",
        "CREATE TRIGGER t BEFORE INSERT ON items FOR EACH ROW SET NEW.slug = 'DEFINER=`a`@`b` '")]
    [InlineData("CREATE TRIGGER t BEFORE INSERT ON items FOR EACH ROW SET NEW.slug = 'DEFINER=`a`@`b` '",
        "CREATE TRIGGER t BEFORE INSERT ON items FOR EACH ROW SET NEW.slug = 'DEFINER=`a`@`b` '")]
    public void TheDefinerClauseAloneIsRemoved(string create, string expected) =>
        Assert.Equal(expected, MySqlObjectDefinitions.WithoutDefiner(create));

    /// <summary>SHOW CREATE VIEW or TRIGGER's text in <paramref name="column"/>.</summary>
    private static async Task<string> ShowAsync(ScratchDatabase at, string kind, string name, int column) =>
        (string)(await CopyHarness.RowsAsync(at.Target, $"SHOW CREATE {kind} {MySqlDialect.Default.Quote(name)}"))[0][column]!;

    /// <summary>The text without its database's name, which the server writes into a view's every name.</summary>
    private static string Unqualified(string create, ScratchDatabase at) =>
        create.Replace(MySqlDialect.Default.Quote(at.Target.Database!) + ".", "", StringComparison.Ordinal);
}

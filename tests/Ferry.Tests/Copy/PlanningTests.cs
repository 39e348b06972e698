using Ferry.Copy;
using Ferry.Errors;
using Ferry.Schema;
using Xunit;

namespace Ferry.Tests.Copy;

public class PlanningTests
{
    private static Table T(string name, params string[] parents) => new()
    {
        Name = name,
        Columns = [new Column { Name = "id", DeclaredType = "INTEGER", Type = NeutralType.Int64 }],
        ForeignKeys = parents.Select(p => new ForeignKey { Columns = ["id"], ReferencedTable = p, ReferencedColumns = ["id"] }).ToList(),
    };

    [Fact]
    public void ParentsComeBeforeChildren()
    {
        var order = LoadOrder.Of([T("Message", "Conversation"), T("Conversation", "User", "Character"), T("Character", "User"), T("User"), T("Payment", "User")]);
        Assert.Equal(["User", "Character", "Payment", "Conversation", "Message"], order.Tables.Select(t => t.Name));
        Assert.Empty(order.Cycles);
    }

    [Fact]
    public void SelfReferencesAndOutsideTablesDoNotBlock()
    {
        var order = LoadOrder.Of([T("employee", "employee", "department"), T("audit", "not_selected")]);
        Assert.Equal(["employee", "audit"], order.Tables.Select(t => t.Name));
        Assert.Empty(order.Cycles);
    }

    [Fact]
    public void CyclesAreReportedAndStillLoaded()
    {
        var order = LoadOrder.Of([T("a", "b"), T("b", "c"), T("c", "a"), T("child", "a"), T("root")]);
        Assert.Equal(["root", "a", "b", "c", "child"], order.Tables.Select(t => t.Name));
        Assert.Equal(["a", "b", "c"], Assert.Single(order.Cycles));
    }

    [Theory]
    [InlineData("chat_*", "Chat_Messages", true)]
    [InlineData("chat_*", "user", false)]
    [InlineData("User", "user", true)]
    [InlineData("Us?r", "User", true)]
    [InlineData("a.b", "aXb", false)]
    [InlineData("*", "메시지", true)]
    public void Globs(string pattern, string name, bool matches) => Assert.Equal(matches, TableSelection.Matches(pattern, name));

    [Fact]
    public void SelectionIncludesThenExcludes()
    {
        var tables = new[] { T("chat_rooms"), T("chat_messages"), T("_drizzle_migrations"), T("User") };
        var chosen = new TableSelection(["chat_*,User"], ["chat_rooms"]).Apply(tables);
        Assert.Equal(["chat_messages", "User"], chosen.Select(t => t.Name));
    }

    [Fact]
    public void APatternThatMatchesNothingIsAnError()
    {
        var error = Assert.Throws<FerryException>(() => new TableSelection(["chta_*"]).Apply([T("chat_rooms")]));
        Assert.Equal(FerryErrorKind.Usage, error.Kind);
        Assert.Contains("chta_*", error.Message, StringComparison.Ordinal);
    }
    [Fact]
    public void APatternAlsoMatchesTheSchemaQualifiedName()
    {
        var tables = new[] { T("users") with { Schema = "auth" }, T("sessions") with { Schema = "auth" }, T("profiles") with { Schema = "public" }, T("plain") };

        Assert.Equal(["profiles", "plain"], new TableSelection(exclude: ["auth.*"]).Apply(tables).Select(t => t.Name));
        Assert.Equal(["auth.users"], new TableSelection(["auth.users"]).Apply(tables).Select(t => t.QualifiedName));
        Assert.Equal(["profiles"], new TableSelection(["PUBLIC.*"]).Apply(tables).Select(t => t.Name));
        // A pattern without a dot names tables, never schemas: p* is profiles and plain, not all of public; a* is nothing here.
        Assert.Equal(["users", "sessions"], new TableSelection(exclude: ["p*"]).Apply(tables).Select(t => t.Name));
        Assert.Equal("No table matches 'a*'; the tables are: auth.users, auth.sessions, profiles, plain.",
            Assert.Throws<FerryException>(() => new TableSelection(["a*"]).Apply(tables)).Message);
    }

    [Fact]
    public void TwoSchemasTablesOfOneNameAreRefusedWithTheWayToTakeEach()
    {
        var tables = new[] { T("users") with { Schema = "auth" }, T("users") with { Schema = "public" }, T("posts") with { Schema = "public" } };

        var error = Assert.Throws<FerryException>(() => new TableSelection().Apply(tables));

        Assert.Equal(FerryErrorKind.Usage, error.Kind);
        Assert.Equal("Tables auth.users and public.users share the name users, and Ferry takes one table of a name at a time: " +
            "leave one out (--exclude public.users, or --tables 'auth.*') and run again for the other.", error.Message);
        Assert.Equal(["public.users", "public.posts"], new TableSelection(exclude: ["auth.*"]).Apply(tables).Select(t => t.QualifiedName));
    }
}

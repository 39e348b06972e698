using Ferry.Connections;
using Xunit;

namespace Ferry.Tests.Connections;

public class DotEnvFileTests
{
    [Fact]
    public void ReadsTheUsualQuotingRules()
    {
        var values = DotEnvFile.Parse("""
            # a comment
            TURSO_DATABASE_URL=libsql://chat-user.turso.io
            export TURSO_AUTH_TOKEN = eyJ.abc.def   # trailing comment
            SINGLE='literal $HOME \n stays'
            DOUBLE="line1\nline2 \"quoted\""
            MULTI="first
            second"
            HASH=value#not-a-comment
            EMPTY=
            SPACES=  padded value  
            """.Replace("\r", "", StringComparison.Ordinal));
        Assert.Equal("libsql://chat-user.turso.io", values["TURSO_DATABASE_URL"]);
        Assert.Equal("eyJ.abc.def", values["TURSO_AUTH_TOKEN"]);
        Assert.Equal("literal $HOME \\n stays", values["SINGLE"]);
        Assert.Equal("line1\nline2 \"quoted\"", values["DOUBLE"]);
        Assert.Equal("first\nsecond", values["MULTI"]);
        Assert.Equal("value#not-a-comment", values["HASH"]);
        Assert.Equal("", values["EMPTY"]);
        Assert.Equal("padded value", values["SPACES"]);
        Assert.Equal(8, values.Count);
    }

    [Fact]
    public void WindowsLineEndingsAreNotPartOfValues()
    {
        var values = DotEnvFile.Parse("A=one\r\nB=\"two\"\r\nC='three'\r\n");
        Assert.Equal(("one", "two", "three"), (values["A"], values["B"], values["C"]));
    }
}

using System.Text.Json;
using Ferry.Cli.Output;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Query;

/// <summary><c>ferry query</c> as a user runs it: the three output forms, refusals as one sentence and an exit code, the warning about a superuser.</summary>
public sealed class QueryCommandTests
{
    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task JsonLinesGiveOneObjectPerRowWithValuesAsTextAndNullApartFromEmpty()
    {
        await using var db = await QueryEngine.CreateAsync("sqlite");
        var result = await FerryProcess.RunAsync(Path.GetTempPath(), "query", db.Url, "SELECT id, v, id AS id FROM t ORDER BY id", "--json");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var rows = Lines(result.Stdout).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(4, rows.Length);
        Assert.Equal("2", rows[1].GetProperty("id").GetString());
        Assert.Equal("2", rows[1].GetProperty("id_2").GetString());
        Assert.Equal("zwei 🚢", rows[1].GetProperty("v").GetString());
        Assert.Equal(JsonValueKind.Null, rows[2].GetProperty("v").ValueKind);
        Assert.Equal("", rows[3].GetProperty("v").GetString());
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task CsvHasAHeaderAndKeepsNullApartFromAnEmptyText()
    {
        await using var db = await QueryEngine.CreateAsync("postgres");
        var result = await FerryProcess.RunAsync(Path.GetTempPath(), "query", db.Url, "SELECT id, v, 'a,\"b\"' AS q FROM t ORDER BY id", "--csv");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("id,v,q\r\n1,one,\"a,\"\"b\"\"\"\r\n2,zwei 🚢,\"a,\"\"b\"\"\"\r\n3,,\"a,\"\"b\"\"\"\r\n4,\"\",\"a,\"\"b\"\"\"\r\n", result.Stdout);
    }

    [Fact]
    public async Task ATableIsTheDefaultAndTheRowLimitIsSaid()
    {
        await using var db = await QueryEngine.CreateAsync("mysql");
        var result = await FerryProcess.RunAsync(Path.GetTempPath(), "query", db.Url, "SELECT id, v FROM t ORDER BY id", "--max-rows", "3");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(["id | v", "---+--------", "1  | one", "2  | zwei 🚢", "3  | NULL", "(3 rows)"], Lines(result.Stdout));
        Assert.Contains("stopped at 3 rows (--max-rows)", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres", true)]
    [InlineData("mysql", true)]
    [InlineData("sqlite", false)]
    [InlineData("sqld", false)]
    public async Task AWriteIsOneSentenceAndExitsNonZero(string engine, bool superuser)
    {
        await using var db = await QueryEngine.CreateAsync(engine);
        var before = await db.DumpAsync();
        var result = await FerryProcess.RunAsync(Path.GetTempPath(), "query", db.Url, "DELETE FROM t");
        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        var lines = Lines(result.Stderr);
        // The test servers' users are all-powerful: the warning names the remedy, then the refusal follows.
        Assert.Equal(superuser ? 2 : 1, lines.Length);
        if (superuser) Assert.Contains("ferry grant readonly", lines[0], StringComparison.Ordinal);
        Assert.Contains("nothing was written", lines[^1], StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
        Assert.Equal(before, await db.DumpAsync());
    }

    [Fact]
    public async Task ATimeoutIsOneSentence()
    {
        await using var db = await QueryEngine.CreateAsync("postgres");
        var result = await FerryProcess.RunAsync(Path.GetTempPath(), "query", db.Url, "SELECT pg_sleep(10)", "--timeout", "500ms");
        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("ran longer than 0.5 s, and the database stopped it.", Lines(result.Stderr)[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--timeout", "soon", "--timeout takes a length of time such as 500ms, 10s, 2m or 1h, not 'soon'.")]
    [InlineData("--max-rows", "-1", "--max-rows must be 0 (no limit) or more.")]
    [InlineData("--csv", null, "--csv and --json each choose the output; give one of them.")]
    public async Task BadOptionsAreOneSentence(string option, string? value, string sentence)
    {
        await using var db = await QueryEngine.CreateAsync("sqlite");
        string[] args = value is null ? ["query", db.Url, "SELECT 1", option, "--json"] : ["query", db.Url, "SELECT 1", option, value];
        var result = await FerryProcess.RunAsync(Path.GetTempPath(), args);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        // A parse error is followed by the pointer to --help, as for every command.
        Assert.Equal("ferry: " + sentence, Lines(result.Stderr)[0]);
        Assert.True(Lines(result.Stderr).Length <= 2, result.Stderr);
    }

    [Fact]
    public async Task WriteOptsOutAndCommits()
    {
        await using var db = await QueryEngine.CreateAsync("postgres");
        var result = await FerryProcess.RunAsync(Path.GetTempPath(), "query", db.Url, "DELETE FROM u WHERE id = 3 RETURNING id", "--write");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(["id", "--", "3", "(1 row)"], Lines(result.Stdout).Select(l => l.TrimEnd()).ToArray());
        Assert.DoesNotContain("'3' | '2' | 'c'", await db.DumpAsync(), StringComparison.Ordinal);
    }
}

using System.Text.Json;
using Ferry.Cli.Output;
using Ferry.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Ferry.Tests.Cli;

/// <summary><c>ferry verify</c> as a user runs it: exit 0 when the copy is the same, 6 and the row named when it is not.</summary>
public sealed class VerifyCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ferry-verify-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ExitsZeroWhenTheSameAndSixWithTheRowNamedWhenNot()
    {
        Assert.Equal(0, (await FerryProcess.RunAsync(_folder, "sample", "chat.db", "--scale", "0.001")).ExitCode);
        Assert.Equal(0, (await FerryProcess.RunAsync(_folder, "copy", "chat.db", "copy.db")).ExitCode);

        var same = await FerryProcess.RunAsync(_folder, "verify", "chat.db", "copy.db");
        Assert.Equal(ExitCodes.Ok, same.ExitCode);
        Assert.Contains("the same", same.Stdout, StringComparison.Ordinal);

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "copy.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE Message SET role = 'system' WHERE id = (SELECT min(id) FROM Message WHERE role <> 'system')";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var differs = await FerryProcess.RunAsync(_folder, "verify", "chat.db", "copy.db", "--json");
        Assert.Equal(ExitCodes.Differs, differs.ExitCode);
        var report = JsonDocument.Parse(differs.Stdout).RootElement;
        Assert.False(report.GetProperty("same").GetBoolean());
        var message = report.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("table").GetString() == "Message");
        Assert.Equal(1, message.GetProperty("differences").GetInt64());
        var listed = Assert.Single(message.GetProperty("listed").EnumerateArray());
        Assert.Equal(("Changed", "role", "'system'"), (listed.GetProperty("kind").GetString(), listed.GetProperty("column").GetString(), listed.GetProperty("target").GetString()));
        Assert.All(report.GetProperty("tables").EnumerateArray().Where(t => t.GetProperty("table").GetString() != "Message"),
            t => Assert.Equal("Same", t.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task CopyWithVerifyPutsTheComparisonInItsReport()
    {
        Assert.Equal(0, (await FerryProcess.RunAsync(_folder, "sample", "chat.db", "--scale", "0.001")).ExitCode);
        var copied = await FerryProcess.RunAsync(_folder, "copy", "chat.db", "copy.db", "--verify", "--json");
        Assert.Equal(ExitCodes.Ok, copied.ExitCode);
        var verify = JsonDocument.Parse(copied.Stdout).RootElement.GetProperty("verify");
        Assert.True(verify.GetProperty("same").GetBoolean());
        var tables = verify.GetProperty("tables").EnumerateArray().ToList();
        Assert.Equal(6, tables.Count);
        Assert.All(tables, t => Assert.Equal(t.GetProperty("sourceChecksum").GetString(), t.GetProperty("targetChecksum").GetString()));

        var plain = await FerryProcess.RunAsync(_folder, "copy", "chat.db", "again.db", "--verify");
        Assert.Equal(ExitCodes.Ok, plain.ExitCode);
        Assert.Contains("verified: every table's content checksum is the same on both sides", plain.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASchemaDifferenceExitsSixUnlessAllowedAndNothingElseIsWrittenWhenRedirected()
    {
        Assert.Equal(0, (await FerryProcess.RunAsync(_folder, "sample", "chat.db", "--scale", "0.001")).ExitCode);
        Assert.Equal(0, (await FerryProcess.RunAsync(_folder, "copy", "chat.db", "copy.db")).ExitCode);
        // The source gains an index the copy lacks: the rows are the same, the shape is not.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "chat.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE INDEX message_role ON Message (role, id)";
            await command.ExecuteNonQueryAsync();
        }

        var strict = await FerryProcess.RunAsync(_folder, "verify", "chat.db", "copy.db");
        Assert.Equal(ExitCodes.Differs, strict.ExitCode);
        Assert.Contains("Message: index (role, id) is only in the source", strict.Stdout, StringComparison.Ordinal);
        Assert.Contains("the same rows; their shapes differ", strict.Stdout, StringComparison.Ordinal);
        // Output redirected: no progress, on either stream.
        Assert.Equal("", strict.Stderr);

        var allowed = await FerryProcess.RunAsync(_folder, "verify", "chat.db", "copy.db", "--allow-schema-differences", "--json");
        Assert.Equal(ExitCodes.Ok, allowed.ExitCode);
        Assert.Equal("", allowed.Stderr);
        var report = JsonDocument.Parse(allowed.Stdout).RootElement;
        Assert.Equal((false, true), (report.GetProperty("same").GetBoolean(), report.GetProperty("sameContent").GetBoolean()));
        var message = report.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("table").GetString() == "Message");
        var schema = Assert.Single(message.GetProperty("schema").EnumerateArray());
        // Json leaves nulls out: the target has no such index.
        Assert.Equal(("Index", "(role, id)", "(role, id)", false, "index (role, id) is only in the source"),
            (schema.GetProperty("part").GetString(), schema.GetProperty("object").GetString(), schema.GetProperty("source").GetString(),
             schema.TryGetProperty("target", out _), schema.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task CopyWithVerifyListsTheShapeItCouldNotMakeAndExitsByContent()
    {
        await using var postgres = await ScratchDatabase.PostgresAsync();
        await Ferry.Tests.Copy.CopyHarness.ExecuteAsync(postgres.Target, """
            CREATE TABLE native (id integer PRIMARY KEY, amount numeric(12,3) CONSTRAINT positive CHECK (amount > 0));
            INSERT INTO native VALUES (1, 1.5);
            """);
        // SQLite cannot run PostgreSQL's cast: the copy leaves the check out and warns; the rows are all there.
        var copied = await FerryProcess.RunAsync(_folder, "copy", postgres.Url, "copy.db", "--verify");
        Assert.Equal(ExitCodes.Ok, copied.ExitCode);
        Assert.Contains("verified: every table's content checksum is the same on both sides", copied.Stdout, StringComparison.Ordinal);
        Assert.Contains("verify: native: check positive ((amount > (0)::numeric)) is only in the source", copied.Stdout, StringComparison.Ordinal);
        // ferry verify itself judges the shape too.
        Assert.Equal(ExitCodes.Differs, (await FerryProcess.RunAsync(_folder, "verify", postgres.Url, "copy.db")).ExitCode);
    }
}

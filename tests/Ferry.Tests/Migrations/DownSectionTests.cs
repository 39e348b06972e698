using System.Text.Json;
using Ferry.Cli.Output;
using Ferry.Connections;
using Ferry.Migrations;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Migrations;

/// <summary>A down part below <c>-- ferry:down</c> in the up file, and the <c>--json</c> of status, validate, up and down.</summary>
public sealed class DownSectionTests
{
    private const string File1 = "CREATE TABLE t (id integer PRIMARY KEY, label text);\nINSERT INTO t VALUES (1, '-- ferry:down');\n\n-- ferry:down\nDROP TABLE t;\n";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    [InlineData("mysql")]
    public async Task AMarkedDownSectionRoundTripsAndJsonCarriesTheFields(string engine)
    {
        await using var scratch = await ScratchDatabase.ForEngineAsync(engine);
        using var files = new MigrationFiles().Write("0001_t.sql", File1);
        string[] At(params string[] args) => ["migrate", .. args, "--json", "--dir", files.Directory, "--url", scratch.Url];

        var up = await FerryProcess.RunAsync(files.Directory, At("up"));
        Assert.Equal(ExitCodes.Ok, up.ExitCode);
        using (var json = JsonDocument.Parse(up.Stdout))
        {
            Assert.True(json.RootElement.GetProperty("succeeded").GetBoolean());
            Assert.Equal("0001_t", Assert.Single(json.RootElement.GetProperty("migrations").EnumerateArray().ToList()).GetProperty("name").GetString());
            Assert.True(json.RootElement.GetProperty("elapsedMs").GetInt64() >= 0);
        }
        Assert.Equal(["1|-- ferry:down"], await MigrationFiles.RowsAsync(scratch, "SELECT id, label FROM t"));
        // The hash is the whole file's, down part included, as drizzle-orm hashes a file.
        Assert.Equal([MigrationHash.Of(File1)], await MigrationFiles.RowsAsync(scratch, "SELECT hash FROM ferry_migrations"));

        var status = await FerryProcess.RunAsync(files.Directory, At("status"));
        using (var json = JsonDocument.Parse(status.Stdout))
        {
            Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
            Assert.Equal("ferry_migrations", json.RootElement.GetProperty("history").GetString());
            var entry = Assert.Single(json.RootElement.GetProperty("migrations").EnumerateArray().ToList());
            Assert.Equal(("0001", "applied"), (entry.GetProperty("version").GetString(), entry.GetProperty("state").GetString()));
            Assert.True(entry.TryGetProperty("appliedAt", out _));
        }

        var down = await FerryProcess.RunAsync(files.Directory, At("down"));
        Assert.Equal(ExitCodes.Ok, down.ExitCode);
        using (var json = JsonDocument.Parse(down.Stdout))
            Assert.Equal("0001_t", Assert.Single(json.RootElement.GetProperty("migrations").EnumerateArray().ToList()).GetProperty("name").GetString());
        Assert.False(await MigrationFiles.TableExistsAsync(scratch, "t"));

        files.Write("0001_t.sql", File1.Replace("DROP TABLE t;", "DROP TABLE IF EXISTS t;", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Ok, (await FerryProcess.RunAsync(files.Directory, At("up"))).ExitCode);
        // Editing the down part is editing the file: validate says it changed.
        files.Write("0001_t.sql", File1);
        var validate = await FerryProcess.RunAsync(files.Directory, At("validate"));
        Assert.Equal(ExitCodes.Failed, validate.ExitCode);
        using (var json = JsonDocument.Parse(validate.Stdout))
        {
            Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
            Assert.Equal("changed", Assert.Single(json.RootElement.GetProperty("problems").EnumerateArray().ToList()).GetProperty("state").GetString());
        }
    }

    [Fact]
    public void TheMarkerInsideAStringIsNoMarkerAndTwoDownPartsAreRefused()
    {
        using var files = new MigrationFiles().Write("0001_t.sql", "INSERT INTO t VALUES ('a\n-- ferry:down\nb');\n");
        var migration = Assert.Single(files.Load(EngineKind.Postgres).Migrations);
        Assert.Null(migration.Down);
        Assert.Single(migration.Statements);

        files.Write("0002_u.sql", "CREATE TABLE u (id integer);\n-- ferry:down\nDROP TABLE u;\n").Write("0002_u.down.sql", "DROP TABLE u;\n");
        var error = Assert.Throws<Ferry.Errors.FerryException>(() => files.Load(EngineKind.Sqlite));
        Assert.Equal($"{Path.Combine(files.Directory, "0002_u.sql")} has a '-- ferry:down' section and 0002_u.down.sql beside it: keep the down part in one of them.", error.Message);
    }
}

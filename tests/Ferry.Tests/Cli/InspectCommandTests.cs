using System.Text.Json;
using Ferry.Tests.Engines.Sqlite;
using Ferry.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Ferry.Tests.Cli;

public sealed class InspectCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ferry-inspect-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string CreateFixture()
    {
        var path = Path.Combine(_folder, "fixture.db");
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = SqliteFixture.Ddl;
        command.ExecuteNonQuery();
        return path;
    }

    [Fact]
    public async Task JsonListsEveryTableWithItsCountAndColumns()
    {
        var path = CreateFixture();
        var result = await FerryProcess.RunAsync(_folder, "inspect", "sqlite:" + path, "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var schema = json.RootElement.GetProperty("schema");
        Assert.Equal("sqlite", schema.GetProperty("engine").GetString());
        var tables = schema.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t);
        Assert.Equal(SqliteFixture.RowCounts.Keys.Order(StringComparer.Ordinal), tables.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, count) in SqliteFixture.RowCounts)
            Assert.Equal(count, tables[name].GetProperty("rowCount").GetInt64());
        var catalog = new SqliteCatalog(path);
        Assert.Equal(catalog.Columns("메시지").Select(c => c.Name),
            tables["메시지"].GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task TablesShowHostileNamesVerbatim()
    {
        var path = CreateFixture();
        var result = await FerryProcess.RunAsync(_folder, "inspect", path);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("my \"quoted\" table", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("back`tick", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("메시지", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Stdout, StringComparison.Ordinal); // no colour codes when redirected
    }
}

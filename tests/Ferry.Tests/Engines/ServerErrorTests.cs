using Ferry.Connections;
using Ferry.Errors;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Engines;

/// <summary>
/// A statement a real server refuses comes back as a FerryException that carries the server's code as
/// data — SQLSTATE, MySQL error number, SQLite extended result code, Hrana code — so Ferry can decide by
/// it, whatever language the server writes its messages in.
/// </summary>
public sealed class ServerErrorTests
{
    [Theory]
    [InlineData("postgres", "a table created twice", "42P07", ServerErrorCategory.AlreadyExists)]
    [InlineData("mysql", "a table created twice", "1050", ServerErrorCategory.AlreadyExists)]
    // SQLite and sqld have no code for "already exists": plain SQLITE_ERROR, sqld's SQL_INPUT_ERROR.
    [InlineData("sqlite", "a table created twice", "1", ServerErrorCategory.Other)]
    [InlineData("sqld", "a table created twice", "SQL_INPUT_ERROR", ServerErrorCategory.Other)]
    [InlineData("postgres", "a key repeated", "23505", ServerErrorCategory.DuplicateKey)]
    [InlineData("mysql", "a key repeated", "1062", ServerErrorCategory.DuplicateKey)]
    [InlineData("sqlite", "a key repeated", "1555", ServerErrorCategory.DuplicateKey)]
    // sqld sends only the primary code: a broken check or foreign key would say the same.
    [InlineData("sqld", "a key repeated", "SQLITE_CONSTRAINT", ServerErrorCategory.Other)]
    public async Task AStatementTheServerRefusesCarriesItsCode(string engine, string refused, string code, ServerErrorCategory category)
    {
        await using var scratch = await ScratchDatabase.ForEngineAsync(engine);
        await using var db = await scratch.OpenAsync();
        var table = scratch.Quote("refused");
        var create = $"CREATE TABLE {table} (id integer, CONSTRAINT {scratch.Quote("refused_pk")} PRIMARY KEY (id))";
        var insert = $"INSERT INTO {table} (id) VALUES (1)";
        await db.ExecuteAsync(create, default);
        await db.ExecuteAsync(insert, default);

        var error = await Assert.ThrowsAsync<FerryException>(() => db.ExecuteAsync(refused == "a key repeated" ? insert : create, default));

        var server = Assert.IsType<ServerError>(error.Server);
        Assert.Equal((scratch.Target.Engine, code, category), (server.Engine, server.Code, server.Category));
        Assert.Equal(FerryErrorKind.Failed, error.Kind);
        // The sentence the user reads holds the server's own words.
        Assert.Contains(server.Text.TrimEnd('.'), error.Message, StringComparison.Ordinal);
        // Only PostgreSQL's protocol names the table and the constraint apart from the message.
        if (engine == "postgres" && refused == "a key repeated") Assert.Equal(("refused", "refused_pk"), (server.Table, server.Constraint));
    }

    [Fact]
    public async Task PostgresSpeakingGermanGivesTheSameSqlState()
    {
        await using var scratch = await ScratchDatabase.PostgresWithMessagesAsync("de_DE.UTF-8");
        await using var db = await scratch.OpenAsync();
        await db.ExecuteAsync("CREATE TABLE twice (id integer)", default);

        var error = await Assert.ThrowsAsync<FerryException>(() => db.ExecuteAsync("CREATE TABLE twice (id integer)", default));

        Assert.Equal(("42P07", ServerErrorCategory.AlreadyExists), (error.Server!.Code, error.Server.Category));
        Assert.Equal("Relation »twice« existiert bereits", error.Server.Text);
    }

    [Fact]
    public async Task MariaDbSpeakingGermanGivesTheSameErrorNumber()
    {
        await using var scratch = await ScratchDatabase.MySqlAsync();
        await using var db = await scratch.OpenAsync();
        // lc_messages is per session in MariaDB, and a Ferry database is one session.
        await db.ExecuteAsync("SET lc_messages = 'de_DE'", default);
        await db.ExecuteAsync("CREATE TABLE twice (id integer)", default);

        var error = await Assert.ThrowsAsync<FerryException>(() => db.ExecuteAsync("CREATE TABLE twice (id integer)", default));

        Assert.Equal(("1050", ServerErrorCategory.AlreadyExists), (error.Server!.Code, error.Server.Category));
        Assert.Equal("Tabelle 'twice' bereits vorhanden", error.Server.Text);
    }
}

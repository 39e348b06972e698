using Ferry.Connections;
using Ferry.Copy;
using Ferry.Engines;
using Ferry.Samples;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>
/// The one kill moment a SIGKILL test cannot aim at: a table's foreign keys were added, and the copy
/// died before its journal said so. --resume runs those ALTERs again; an unnamed key must not come twice.
/// </summary>
public sealed class ResumeKeysTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ferry-resume-keys-").FullName;
    private ConnectionTarget _source = null!;

    public async Task InitializeAsync()
    {
        var path = Path.Combine(_folder, "chat.db");
        await ChatSample.CreateAsync(path, 0.001, default);
        _source = new ConnectionTarget { Engine = EngineKind.Sqlite, FilePath = path };
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("mysql")]
    [InlineData("postgres")]
    public async Task KeysAddedJustBeforeTheKillAreNotAddedAgain(string engine)
    {
        await using var target = engine == "mysql" ? await ScratchDatabase.MySqlAsync() : await ScratchDatabase.PostgresAsync();
        var journalPath = Path.Combine(_folder, $"journal-{engine}.json");
        var first = await CopyHarness.CopyAsync(_source, target.Target, new CopyOptions { JournalPath = journalPath });

        // The journal as the kill left it: every table constrained but Conversation, whose two foreign keys were already in.
        var journal = CopyJournal.Start(journalPath, _source.Redacted, target.Target.Redacted);
        foreach (var table in first.Tables)
            journal.Set(table.Table, table.Table == "Conversation" ? TablePhase.Loaded : TablePhase.Constrained, table.Written);
        var resumed = await CopyHarness.CopyAsync(_source, target.Target, new CopyOptions { JournalPath = journalPath, Resume = true });

        Assert.Empty(resumed.Problems);
        Assert.DoesNotContain(resumed.Warnings, w => w.Contains("Conversation", StringComparison.Ordinal));
        await using var db = await target.OpenAsync();
        var conversation = (await db.ReadSchemaAsync(default)).FindTable("Conversation")!;
        Assert.Equal(["(characterId) -> Character", "(userId) -> User"],
            conversation.ForeignKeys.Select(k => $"({string.Join(",", k.Columns)}) -> {k.ReferencedTable}").Order(StringComparer.Ordinal));
        Assert.Equal(["Conversation_characterId_idx", "Conversation_userId_idx"],
            conversation.Indexes.Where(i => !i.BacksConstraint && i.Name.EndsWith("_idx", StringComparison.Ordinal)).Select(i => i.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("mysql")]
    [InlineData("postgres")]
    public async Task UnnamedChecksAddedJustBeforeTheKillAreNotAddedAgain(string engine)
    {
        await using var file = ScratchDatabase.SqliteFile();
        await using (var sqlite = await file.OpenAsync())
            await sqlite.ExecuteAsync("""
                CREATE TABLE item (id INTEGER PRIMARY KEY, qty INTEGER CHECK (qty >= 0), price REAL,
                  CONSTRAINT item_check CHECK (price > 0), CHECK (qty < 1000));
                INSERT INTO item VALUES (1, 5, 1.5), (2, 0, 2.25);
                """, default);
        await using var target = await ScratchDatabase.ForEngineAsync(engine);
        // Killed after the checks went in, before the journal said so.
        var resumed = await CopyHarness.ResumeAfterKillBeforeConstrainedAsync(file.Target, target.Target, Path.Combine(_folder, $"journal-checks-{engine}.json"));

        Assert.Empty(resumed.Problems);
        await using var db = await target.OpenAsync();
        var item = (await db.ReadSchemaAsync(default)).FindTable("item")!;
        // The source's own name is kept; the two unnamed checks are named after the table, skipping the name in use.
        Assert.Equal(["item_check", "item_check1", "item_check2"], item.Checks.Select(c => c.Name).Order(StringComparer.Ordinal));
        await Assert.ThrowsAnyAsync<Exception>(() => db.ExecuteAsync("INSERT INTO item (id, qty, price) VALUES (3, -1, 1)", default));
    }
}

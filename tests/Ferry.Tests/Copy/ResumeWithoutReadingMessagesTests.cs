using Ferry.Copy;
using Ferry.Errors;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>
/// A resume must not depend on the language the target server writes its messages in: into a PostgreSQL
/// database that speaks German, and into sqld and SQLite, which have no code for "already exists", it
/// leaves out what the interrupted copy had made, by reading the target's schema.
/// </summary>
public sealed class ResumeWithoutReadingMessagesTests
{
    private const string Library = """
        CREATE TABLE author (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, age INTEGER CHECK (age >= 0),
          CONSTRAINT author_email_check CHECK (length(email) > 3));
        CREATE TABLE book (id INTEGER PRIMARY KEY, authorId INTEGER REFERENCES author (id), title TEXT NOT NULL);
        CREATE INDEX book_title_idx ON book (title);
        INSERT INTO author VALUES (1, 'ada@example.com', 36), (2, 'alan@example.com', 41);
        INSERT INTO book VALUES (1, 1, 'Notes'), (2, 2, 'Computable Numbers'), (3, 2, 'Morphogenesis');
        """;

    [Fact]
    public async Task AResumeIntoPostgresSpeakingGermanLeavesOutWhatWasMade()
    {
        await using var file = await SourceAsync(Library);
        await using var target = await ScratchDatabase.PostgresWithMessagesAsync("de_DE.UTF-8");

        var resumed = await CopyHarness.ResumeAfterKillBeforeConstrainedAsync(file.Target, target.Target, Path.Combine(Path.GetDirectoryName(file.Target.FilePath)!, "journal.json"));

        Assert.Empty(resumed.Problems);
        Assert.Empty(resumed.Warnings);
        await using var db = await target.OpenAsync();
        // The database really speaks German: the words Ferry no longer reads are these.
        var refused = await Assert.ThrowsAsync<FerryException>(() => db.ExecuteAsync("ALTER TABLE author ADD PRIMARY KEY (id)", default));
        Assert.Equal(("42P16", "mehrere Primärschlüssel für Tabelle »author« nicht erlaubt"), (refused.Server!.Code, refused.Server.Text));

        var schema = await db.ReadSchemaAsync(default);
        var author = schema.FindTable("author")!;
        var book = schema.FindTable("book")!;
        Assert.Equal(("id", "id"), (string.Join(",", author.PrimaryKey!.Columns), string.Join(",", book.PrimaryKey!.Columns)));
        Assert.Equal(["email"], Assert.Single(author.Uniques.Select(u => u.Columns).Concat(author.Indexes.Where(i => i.Unique && !i.BacksConstraint).Select(i => i.Columns))));
        // The unnamed check is named by PostgreSQL; a second ADD would have made author_check1.
        Assert.Equal(["author_check", "author_email_check"], author.Checks.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["book_title_idx"], book.Indexes.Where(i => !i.BacksConstraint).Select(i => i.Name));
        Assert.Equal("author", Assert.Single(book.ForeignKeys).ReferencedTable);
    }

    [Theory]
    [InlineData("sqld")]
    [InlineData("sqlite")]
    public async Task AResumeIntoTheSqliteFamilyLeavesOutTheViewsAndTriggersThatWereMade(string engine)
    {
        await using var file = await SourceAsync(Library + """
            CREATE VIEW prolific AS SELECT authorId, count(*) AS books FROM book GROUP BY authorId;
            CREATE TRIGGER book_title_trim AFTER INSERT ON book BEGIN UPDATE book SET title = trim(title) WHERE id = NEW.id; END;
            """);
        await using var target = await ScratchDatabase.ForEngineAsync(engine);

        var resumed = await CopyHarness.ResumeAfterKillBeforeConstrainedAsync(file.Target, target.Target, Path.Combine(Path.GetDirectoryName(file.Target.FilePath)!, "journal.json"));

        Assert.Empty(resumed.Problems);
        Assert.Empty(resumed.Warnings);
        await using var db = await target.OpenAsync();
        var schema = await db.ReadSchemaAsync(default);
        Assert.Equal("prolific", Assert.Single(schema.Views).Name);
        Assert.Equal("book_title_trim", Assert.Single(schema.Triggers).Name);
        Assert.Equal(["book_title_idx"], schema.FindTable("book")!.Indexes.Where(i => !i.BacksConstraint).Select(i => i.Name));
        // The trigger is there once and works: one insert, one trimmed title.
        await db.ExecuteAsync("INSERT INTO book VALUES (4, 1, '  Sketch  ')", default);
        Assert.Equal("Sketch", (await db.QueryAsync("SELECT title FROM book WHERE id = 4", default))[0][0]);
    }

    private static async Task<ScratchDatabase> SourceAsync(string sql)
    {
        var file = ScratchDatabase.SqliteFile();
        await using var sqlite = await file.OpenAsync();
        await sqlite.ExecuteAsync(sql, default);
        return file;
    }
}

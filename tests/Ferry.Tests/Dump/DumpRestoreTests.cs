using Ferry.Connections;
using Ferry.Copy;
using Ferry.Dump;
using Ferry.Errors;
using Ferry.Tests.Copy;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Dump;

/// <summary>
/// ferry dump and ferry restore on real databases and real files: a Supabase schema's extensions, row-level security,
/// policies and comments come back; a damaged or cut archive is refused by name and leaves nothing of the damaged table;
/// an archive goes back only into its own kind of engine, and the file is its owner's alone.
/// </summary>
public sealed class DumpRestoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ferry-dump-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private const string Small = """
        CREATE TABLE first (id INTEGER PRIMARY KEY, name TEXT);
        INSERT INTO first VALUES (1, 'a'), (2, 'b');
        CREATE TABLE second (id INTEGER PRIMARY KEY, body TEXT);
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
        INSERT INTO second SELECT i, printf('row %d of a table long enough to span many blocks %s', i, hex(randomblob(16))) FROM n;
        """;

    [Fact]
    public async Task ExtensionsRowSecurityPoliciesAndCommentsComeBackFromAnArchive()
    {
        var role = $"ferry_reader_{Guid.NewGuid():N}";
        await using var source = await ScratchDatabase.PostgresAsync();
        await using var target = await ScratchDatabase.PostgresAsync();
        await CopyHarness.ExecuteAsync(source.Target, $"CREATE ROLE {role} NOLOGIN");
        try
        {
            await CopyHarness.ExecuteAsync(source.Target, PostgresSecurityCopyTests.Source(role));
            var archive = Path.Combine(_folder, "supabase.ferry");

            var dumped = await DumpHarness.DumpAsync(source.Target, archive);
            var report = await DumpHarness.RestoreAsync(archive, target.Target);

            Assert.Equal([("invoices", 1L), ("notes", 2L), ("plain", 1L)], dumped.Tables.Select(t => (t.Name, t.Rows)).OrderBy(t => t.Name, StringComparer.Ordinal));
            Assert.Contains("1 table(s) with row-level security, 2 policy(ies)", dumped.Notes[0], StringComparison.Ordinal);
            Assert.Contains("Not carried: privileges (GRANT) on notes.", dumped.Notes);
            Assert.Empty(report.Problems);
            foreach (var query in PostgresSecurityCopyTests.Catalog)
            {
                var expected = await PostgresSecurityCopyTests.TextsAsync(source.Target, query);
                Assert.NotEmpty(expected);
                Assert.Equal(expected, await PostgresSecurityCopyTests.TextsAsync(target.Target, query));
            }
            // The application's own counter goes on where the source's stands.
            await CopyHarness.ExecuteAsync(target.Target, "INSERT INTO invoices (note) VALUES ('second')");
            Assert.Equal(["120 first", "130 second"], await PostgresSecurityCopyTests.TextsAsync(target.Target, "SELECT number::text || ' ' || note FROM invoices ORDER BY number"));
        }
        finally
        {
            await CopyHarness.ExecuteAsync(target.Target, $"DROP OWNED BY {role}");
            await CopyHarness.ExecuteAsync(source.Target, $"DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }

    [Fact]
    public async Task PostgresTablesOfNoColumnsOrOnlyGeneratedOnesAreCopiedAndRestored()
    {
        await using var source = await ScratchDatabase.PostgresAsync();
        await using var copied = await ScratchDatabase.PostgresAsync();
        await using var restored = await ScratchDatabase.PostgresAsync();
        await CopyHarness.ExecuteAsync(source.Target, """
            CREATE TABLE marks ();
            INSERT INTO marks DEFAULT VALUES; INSERT INTO marks DEFAULT VALUES;
            CREATE TABLE constant (one int GENERATED ALWAYS AS (1) STORED);
            INSERT INTO constant DEFAULT VALUES;
            """);
        const string Counts = "SELECT (SELECT count(*) FROM marks)::text || ' ' || (SELECT count(*) || ':' || sum(one) FROM constant)";
        var archive = Path.Combine(_folder, "no-columns.ferry");

        var copy = await CopyHarness.CopyAsync(source.Target, copied.Target);
        await DumpHarness.DumpAsync(source.Target, archive);
        var restore = await DumpHarness.RestoreAsync(archive, restored.Target);

        // PostgreSQL refuses "COPY marks () FROM STDIN": no column list, which takes every column but the generated ones.
        Assert.Empty(copy.Problems);
        Assert.Empty(restore.Problems);
        Assert.Equal(["2 1:1"], (await CopyHarness.RowsAsync(copied.Target, Counts)).Select(r => (string)r[0]!));
        Assert.Equal(["2 1:1"], (await CopyHarness.RowsAsync(restored.Target, Counts)).Select(r => (string)r[0]!));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AFlippedByteInATableIsRefusedByNameAndNothingOfThatTableIsRestored(string engine)
    {
        await using var source = await ScratchDatabase.ForEngineAsync(engine);
        await CopyHarness.ExecuteAsync(source.Target, engine == "sqlite" ? Small : Small.Replace("INTEGER PRIMARY KEY", "int PRIMARY KEY", StringComparison.Ordinal)
            .Replace("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)\n", "", StringComparison.Ordinal)
            .Replace("SELECT i, printf('row %d of a table long enough to span many blocks %s', i, hex(randomblob(16))) FROM n", "SELECT i, 'row ' || i || ' of a table long enough to span many blocks ' || md5(i::text) FROM generate_series(1, 5000) i", StringComparison.Ordinal));
        var archive = Path.Combine(_folder, $"{engine}.ferry");
        var dumped = await DumpHarness.DumpAsync(source.Target, archive);
        var second = dumped.Tables.Single(t => t.Name == "second");
        Flip(archive, second.Offset + second.Length / 2);
        await using var target = await ScratchDatabase.ForEngineAsync(engine);

        var error = await Assert.ThrowsAnyAsync<FerryException>(() => DumpHarness.RestoreAsync(archive, target.Target));

        // Found before any of its rows is handed over: a damaged byte may decode into a value that looks whole.
        Assert.Contains($"{engine}.ferry is damaged: the rows of {second.QualifiedName} cannot be trusted: its bytes do not match the SHA-256 written with them.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing of second was kept", error.Message, StringComparison.Ordinal);
        // The table before it is whole; the damaged one holds nothing.
        Assert.Equal(2L, Convert.ToInt64((await CopyHarness.RowsAsync(target.Target, "SELECT count(*) FROM first"))[0][0]));
        Assert.Equal(0L, Convert.ToInt64((await CopyHarness.RowsAsync(target.Target, "SELECT count(*) FROM second"))[0][0]));
    }

    [Fact]
    public async Task ARestoreStoppedByADamagedTableResumesOnceTheArchiveIsWholeAgain()
    {
        using var source = await SqliteSource.CreateAsync(Small);
        var archive = Path.Combine(_folder, "resume.ferry");
        var dumped = await DumpHarness.DumpAsync(source.Target, archive);
        var whole = await File.ReadAllBytesAsync(archive);
        var second = dumped.Tables.Single(t => t.Name == "second");
        Flip(archive, second.Offset + 7);
        await using var target = ScratchDatabase.SqliteFile();

        var stopped = await Assert.ThrowsAnyAsync<FerryException>(() => DumpHarness.RestoreAsync(archive, target.Target));
        Assert.Contains("resume.ferry is damaged: the rows of second cannot be trusted", stopped.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing of second was kept; tables loaded before it are complete. Fix the cause and run again with --resume", stopped.Message, StringComparison.Ordinal);
        await File.WriteAllBytesAsync(archive, whole);
        var resumed = await DumpHarness.RestoreAsync(archive, target.Target, new CopyOptions { Resume = true });

        Assert.Empty(resumed.Problems);
        // Both whole, neither twice (the copy's resume checks the kept table's count against its journal).
        Assert.Equal(2L, Convert.ToInt64((await CopyHarness.RowsAsync(target.Target, "SELECT count(*) FROM first"))[0][0]));
        Assert.Equal(5000L, Convert.ToInt64((await CopyHarness.RowsAsync(target.Target, "SELECT count(*) FROM second"))[0][0]));
    }

    [Fact]
    public async Task ACutOrAlteredArchiveIsRefusedBeforeAnythingIsWritten()
    {
        using var source = await SqliteSource.CreateAsync(Small);
        var archive = Path.Combine(_folder, "small.ferry");
        await DumpHarness.DumpAsync(source.Target, archive);
        var bytes = await File.ReadAllBytesAsync(archive);

        var cut = Path.Combine(_folder, "cut.ferry");
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length / 2)]);
        Assert.Equal("cut.ferry was cut short or altered: it does not end as a whole archive does (a dump that did not finish?).",
            Assert.Throws<FerryException>(() => ArchiveDatabase.Open(cut)).Message);

        // A byte of the table of contents (its JSON sits just before the 48-byte end).
        var altered = Path.Combine(_folder, "altered.ferry");
        await File.WriteAllBytesAsync(altered, bytes);
        Flip(altered, bytes.Length - 48 - 10);
        Assert.Equal("altered.ferry was altered: its table of contents does not match the checksum written with it.",
            Assert.Throws<FerryException>(() => ArchiveDatabase.Open(altered)).Message);

        var other = source.Target.FilePath!;
        Assert.Equal("source.db is not a Ferry archive: it does not begin as one (FERRYARC).", Assert.Throws<FerryException>(() => ArchiveDatabase.Open(other)).Message);
        Assert.Equal($"There is no archive at {Path.Combine(_folder, "none.ferry")}.", Assert.Throws<FerryException>(() => ArchiveDatabase.Open(Path.Combine(_folder, "none.ferry"))).Message);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task AnArchiveIsItsOwnersAloneAndADumpNeverWritesOverAFile()
    {
        using var source = await SqliteSource.CreateAsync(Small);
        var archive = Path.Combine(_folder, "mine.ferry");

        await DumpHarness.DumpAsync(source.Target, archive);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(archive));
        Assert.False(File.Exists(archive + ".partial"));
        var again = await Assert.ThrowsAsync<FerryException>(() => DumpHarness.DumpAsync(source.Target, archive));
        Assert.Equal($"{archive} exists already; a dump never writes over a file. Name another with -o, or remove it.", again.Message);
    }

    [Fact]
    public async Task AnArchiveGoesBackIntoItsOwnKindOfEngineOnly()
    {
        using var source = await SqliteSource.CreateAsync(Small);
        var archive = Path.Combine(_folder, "chat.ferry");
        await DumpHarness.DumpAsync(source.Target, archive);
        await using var postgres = await ScratchDatabase.PostgresAsync();

        var error = await Assert.ThrowsAsync<FerryException>(() => DumpHarness.RestoreAsync(archive, postgres.Target));

        Assert.Equal($"archive:{archive} holds a SQLite database, kept as SQLite stores it: it restores into SQLite or libSQL. " +
            "To move it into PostgreSQL, restore it there first, then ferry copy that database.", error.Message);
        Assert.Empty(await CopyHarness.RowsAsync(postgres.Target, "SELECT 1 FROM pg_tables WHERE schemaname = 'public'"));
    }

    [Fact]
    public async Task BackupVerifyReadsEveryRowAndFindsDamageOrAMiscount()
    {
        using var source = await SqliteSource.CreateAsync(Small);
        var archive = Path.Combine(_folder, "check.ferry");
        await DumpHarness.DumpAsync(source.Target, archive);

        var whole = await ArchiveCheck.RunAsync(archive, default);
        Assert.Equal([("first", 2L), ("second", 5000L)], whole.Manifest.Tables.Select(t => (t.Name, t.Rows)));

        // A table of contents rewritten whole (its checksum too) that counts a row more than the data holds.
        var manifest = whole.Manifest;
        var miscounted = Path.Combine(_folder, "miscounted.ferry");
        var dataEnd = manifest.Tables.Max(t => t.Offset + t.Length);
        await using (var file = new FileStream(miscounted, FileMode.CreateNew))
        {
            file.Write((await File.ReadAllBytesAsync(archive)).AsSpan(0, (int)dataEnd));
            ArchiveFile.WriteManifest(file, manifest with { Tables = manifest.Tables.Select(t => t.Name == "first" ? t with { Rows = 3 } : t).ToList() });
        }
        var error = await Assert.ThrowsAsync<FerryException>(() => ArchiveCheck.RunAsync(miscounted, default));
        Assert.Equal("miscounted.ferry is damaged: the rows of first cannot be trusted: row 3 of 3 cannot be read (the data ends too soon).", error.Message);

        var second = manifest.Tables.Single(t => t.Name == "second");
        Flip(archive, second.Offset + 3);
        error = await Assert.ThrowsAsync<FerryException>(() => ArchiveCheck.RunAsync(archive, default));
        Assert.Equal("check.ferry is damaged: the rows of second cannot be trusted: its bytes do not match the SHA-256 written with them.", error.Message);
    }

    [Fact]
    public async Task PruneDeletesOldArchivesButEachSourcesNewestAndNothingThatIsNotAnArchive()
    {
        using var first = await SqliteSource.CreateAsync(Small);
        using var second = await SqliteSource.CreateAsync("CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1);");
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "backups")).FullName;
        foreach (var name in new[] { "a1", "a2", "a3" }) await DumpHarness.DumpAsync(first.Target, Path.Combine(folder, name + ".ferry"));
        await DumpHarness.DumpAsync(second.Target, Path.Combine(folder, "b1.ferry"));
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.ferry"), "not an archive");

        var listed = BackupFolder.List(folder);
        Assert.Equal(["a1", "a2", "a3", "b1", "notes"], listed.Select(e => Path.GetFileNameWithoutExtension(e.Path)));
        Assert.Equal("notes.ferry is not a Ferry archive, or was cut short: it holds only 14 bytes.", listed[^1].Problem);

        // Forty days on, with 30 kept: all are old, but each source keeps its newest that reads back whole. a3's rows are
        // damaged (its table of contents is intact), so a2 is kept too: only a1 goes.
        var a3 = listed.Single(e => e.Path.EndsWith("a3.ferry", StringComparison.Ordinal));
        var damaged = a3.Manifest!.Tables.Single(t => t.Name == "second");
        var good = await File.ReadAllBytesAsync(a3.Path);
        Flip(a3.Path, damaged.Offset + 5);
        var dry = await BackupFolder.PruneAsync(folder, 30, DateTime.UtcNow.AddDays(40), dryRun: true, default);
        Assert.Equal(5, Directory.GetFiles(folder).Length);
        var deleted = await BackupFolder.PruneAsync(folder, 30, DateTime.UtcNow.AddDays(40), dryRun: false, default);
        Assert.Equal(["a1"], dry.Select(e => Path.GetFileNameWithoutExtension(e.Path)));
        Assert.Equal(dry.Select(e => e.Path), deleted.Select(e => e.Path));
        Assert.Equal(["a2.ferry", "a3.ferry", "b1.ferry", "notes.ferry"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // Whole again, a3 is the one kept.
        await File.WriteAllBytesAsync(a3.Path, good);
        Assert.Equal(["a2"], (await BackupFolder.PruneAsync(folder, 30, DateTime.UtcNow.AddDays(40), dryRun: false, default)).Select(e => Path.GetFileNameWithoutExtension(e.Path)));
        // Today nothing is 30 days old; a dump that did not finish is listed, never pruned.
        await File.WriteAllTextAsync(Path.Combine(folder, "a4.ferry.x1y2.partial"), "half");
        Assert.Empty(await BackupFolder.PruneAsync(folder, 30, DateTime.UtcNow, dryRun: false, default));
        Assert.StartsWith("a dump that did not finish", BackupFolder.List(folder).Single(e => e.Path.EndsWith(".partial", StringComparison.Ordinal)).Problem, StringComparison.Ordinal);
        Assert.Equal("--keep-days must be from 0 to 36500, not -1.", (await Assert.ThrowsAsync<FerryException>(() => BackupFolder.PruneAsync(folder, -1, DateTime.UtcNow, dryRun: true, default))).Message);
    }

    /// <summary>Inverts one byte of the file, as a bad disk or a careless edit would.</summary>
    private static void Flip(string path, long at)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = at;
        var b = file.ReadByte();
        file.Position = at;
        file.WriteByte((byte)~b);
    }
}

using System.Diagnostics;
using System.Text.Json;
using Ferry.Cli.Output;
using Ferry.Connections;
using Ferry.Engines;
using Ferry.Samples;
using Ferry.Schema;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>
/// A real <c>ferry copy</c> into PostgreSQL, sqld or MariaDB killed with SIGKILL at several moments; a re-run says what
/// state the target is in, and <c>--resume</c> finishes with zero rows lost and zero written twice.
/// </summary>
public sealed class KillAndResumeTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ferry-kill-").FullName;
    private string _source = "";

    public async Task InitializeAsync()
    {
        _source = Path.Combine(_folder, "chat.db");
        await ChatSample.CreateAsync(_source, 0.05, default);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Kill points, as the phases the journal records at the moment of the kill.</summary>
    private static bool Reached(string moment, Dictionary<string, string> phases) => moment switch
    {
        "tables being created" => phases.Count > 0,
        "Message loading" => phases.GetValueOrDefault("Message") == "Loading",
        "Message loaded, keys not yet added" => phases.GetValueOrDefault("Message") == "Loaded",
        "keys being added" => phases.ContainsValue("Constrained"),
        _ => throw new ArgumentOutOfRangeException(nameof(moment)),
    };

    [Theory]
    [InlineData("postgres", "tables being created")]
    [InlineData("postgres", "Message loading")]
    [InlineData("postgres", "Message loaded, keys not yet added")]
    [InlineData("postgres", "keys being added")]
    // libSQL commits each batch on its own: a kill mid-load leaves part of Message behind, which resume must empty.
    [InlineData("sqld", "Message loading")]
    [InlineData("sqld", "keys being added")]
    // MariaDB loads a table in one transaction but adds each unique key, index and foreign key by its own ALTER.
    [InlineData("mysql", "Message loading")]
    [InlineData("mysql", "Message loaded, keys not yet added")]
    [InlineData("mysql", "keys being added")]
    public async Task KilledAtAnyMomentTheCopyResumesExactly(string engine, string moment)
    {
        // A busy machine may run past a short moment before the journal is polled: try again on a fresh database.
        var seen = new List<string>();
        for (var attempt = 1; ; attempt++)
        {
            var target = await ScratchDatabase.ForEngineAsync(engine);
            var journal = Path.Combine(_folder, $"journal-{Guid.NewGuid():N}.json");
            string[] copy = ["copy", "sqlite:" + _source, target.Url, "--journal", journal];
            if (await KillWhen(journal, phases => { seen.Add(string.Join(",", phases.Values)); return Reached(moment, phases); }, copy))
            {
                await using (target) await ResumeAndCompare(target, journal, copy);
                return;
            }
            await target.DisposeAsync();
            Assert.True(attempt < 3, $"the copy finished three times before it could be killed with {moment}; the journal said: {string.Join(" | ", seen.Distinct())}");
        }
    }

    private static string Ansi(string name) => AnsiDialect.Instance.Quote(name);

    private async Task ResumeAndCompare(ScratchDatabase target, string journal, string[] copy)
    {
        // The plain re-run refuses, and says what the interrupted copy left.
        var again = await FerryProcess.RunAsync(_folder, copy);
        Assert.Equal(ExitCodes.Usage, again.ExitCode);
        Assert.Contains("was interrupted", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("--resume", again.Stderr, StringComparison.Ordinal);

        var resumed = await FerryProcess.RunAsync(_folder, [.. copy, "--resume"]);
        Assert.True(resumed.ExitCode == ExitCodes.Ok, resumed.Stderr + resumed.Stdout);
        Assert.False(File.Exists(journal));

        var sourceTarget = new ConnectionTarget { Engine = EngineKind.Sqlite, FilePath = _source };
        foreach (var table in new[] { "User", "Character", "Conversation", "Message", "Payment", "_drizzle_migrations" })
        {
            string Sql(Func<string, string> q) => $"SELECT count(*), count(DISTINCT {q(table == "_drizzle_migrations" ? "hash" : "id")}) FROM {q(table)}";
            Assert.Equal(await CopyHarness.RowsAsync(sourceTarget, Sql(Ansi)), await CopyHarness.RowsAsync(target.Target, Sql(target.Quote)));
        }
        // SQLite's length() counts characters; MySQL's counts bytes, its char_length() characters.
        string Checksum(Func<string, string> q, string length) =>
            $"SELECT sum({q("id")}), sum({length}({q("content")})), sum(coalesce({q("tokens")}, 0)), min({q("createdAt")}), max({q("createdAt")}) FROM {q("Message")}";
        Assert.Equal((await CopyHarness.RowsAsync(sourceTarget, Checksum(Ansi, "length")))[0].Select(Convert.ToString),
            (await CopyHarness.RowsAsync(target.Target, Checksum(target.Quote, target.Target.Engine == EngineKind.MySql ? "char_length" : "length")))[0].Select(Convert.ToString));
        // The keys and the identity were finished too.
        await using var finished = await target.OpenAsync();
        var schema = await finished.ReadSchemaAsync(default);
        Assert.Equal(["id"], schema.FindTable("Message")!.PrimaryKey!.Columns);
        // ...each exactly once: re-running an ALTER that had already run must not add a second copy of
        // an unnamed foreign key or index (MySQL names the copy Message_ibfk_2 and says nothing).
        await using var original = await Databases.OpenAsync(sourceTarget, new OpenOptions { Access = AccessMode.ReadOnly }, default);
        var expected = await original.ReadSchemaAsync(default);
        foreach (var table in expected.Tables)
        {
            var copied = schema.FindTable(table.Name)!;
            Assert.Equal(Keys(table.ForeignKeys), Keys(copied.ForeignKeys));
            var indexes = Indexes(copied);
            Assert.Equal(indexes.Distinct(), indexes);
        }
    }

    private static string[] Keys(IEnumerable<ForeignKey> keys) =>
        keys.Select(k => $"({string.Join(",", k.Columns)}) -> {k.ReferencedTable}").Order(StringComparer.Ordinal).ToArray();

    /// <summary>Indexes and unique keys by their columns: an engine that names an unnamed one itself (MySQL: email, email_2) would show it twice.</summary>
    private static string[] Indexes(Table table) =>
        table.Indexes.Where(i => !i.BacksConstraint).Select(i => $"{(i.Unique ? "unique " : "")}({string.Join(",", i.Columns)})")
            .Concat(table.Uniques.Select(u => $"unique ({string.Join(",", u.Columns)})")).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Starts the copy and SIGKILLs it as soon as its journal's phases satisfy <paramref name="reached"/>; false if it finished first.</summary>
    private async Task<bool> KillWhen(string journal, Func<Dictionary<string, string>, bool> reached, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ferry.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        while (!process.HasExited)
        {
            if (reached(Phases(journal)))
            {
                process.Kill(entireProcessTree: true); // SIGKILL: no cleanup runs
                await process.WaitForExitAsync();
                return true;
            }
            await Task.Delay(2);
        }
        return false;
    }

    private static Dictionary<string, string> Phases(string journal)
    {
        try
        {
            if (!File.Exists(journal)) return [];
            using var json = JsonDocument.Parse(File.ReadAllText(journal));
            return json.RootElement.GetProperty("Tables").EnumerateObject().ToDictionary(t => t.Name, t => t.Value.GetProperty("Phase").GetString()!);
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return []; // replaced while being read: look again
        }
    }
}

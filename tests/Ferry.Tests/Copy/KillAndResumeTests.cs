using System.Diagnostics;
using System.Text.Json;
using Ferry.Cli.Output;
using Ferry.Connections;
using Ferry.Samples;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy;

/// <summary>
/// A real <c>ferry copy</c> into PostgreSQL killed with SIGKILL at several moments; a re-run says what
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
    public async Task KilledAtAnyMomentTheCopyResumesExactly(string engine, string moment)
    {
        // A busy machine may run past a short moment before the journal is polled: try again on a fresh database.
        var seen = new List<string>();
        for (var attempt = 1; ; attempt++)
        {
            var target = engine == "sqld" ? await ScratchDatabase.SqldAsync() : await ScratchDatabase.PostgresAsync();
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
            var sql = $"SELECT count(*), count(DISTINCT \"{(table == "_drizzle_migrations" ? "hash" : "id")}\") FROM \"{table}\"";
            Assert.Equal(await CopyHarness.RowsAsync(sourceTarget, sql), await CopyHarness.RowsAsync(target.Target, sql));
        }
        var checksum = "SELECT sum(id), sum(length(content)), sum(coalesce(tokens, 0)), min(\"createdAt\"), max(\"createdAt\") FROM \"Message\"";
        Assert.Equal((await CopyHarness.RowsAsync(sourceTarget, checksum))[0].Select(Convert.ToString), (await CopyHarness.RowsAsync(target.Target, checksum))[0].Select(Convert.ToString));
        // The keys and the identity were finished too.
        await using var finished = await target.OpenAsync();
        Assert.Equal(["id"], (await finished.ReadSchemaAsync(default)).FindTable("Message")!.PrimaryKey!.Columns);
    }

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

using System.Diagnostics;
using System.Text.Json;
using Ferry.Connections;
using Ferry.Tests.Support;

namespace Ferry.Tests.Migrations;

/// <summary>
/// drizzle-orm's own migrator, run under node from tests/drizzle-interop (scripts/install-deps.sh installs
/// it). Missing packages are a failure that says how to install them, never a skip: the interop proof
/// is the point of these tests.
/// </summary>
public static class DrizzleMigrator
{
    public sealed record Row(string Hash, long CreatedAt);

    public static string Folder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ferry.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("No Ferry.sln above the test binaries."), "tests", "drizzle-interop");
        }
    }

    /// <summary>Runs drizzle-orm's migrate() on <paramref name="scratch"/> with <paramref name="migrations"/>; returns __drizzle_migrations afterwards.</summary>
    public static async Task<IReadOnlyList<Row>> MigrateAsync(ScratchDatabase scratch, string migrations)
    {
        if (!File.Exists(Path.Combine(Folder, "node_modules", "drizzle-orm", "package.json")))
            throw new InvalidOperationException($"drizzle-orm is not installed in {Folder}: run scripts/install-deps.sh (it runs npm ci there).");
        var t = scratch.Target;
        object config = t.Engine switch
        {
            EngineKind.Postgres => new { engine = "postgres", host = t.Host, port = t.Port, user = t.User, password = t.Password, database = t.Database },
            EngineKind.MySql => new { engine = "mysql", host = t.Host, port = t.Port, user = t.User, password = t.Password, database = t.Database },
            EngineKind.Sqlite => new { engine = "sqlite", file = t.FilePath },
            // sqld picks the namespace by the Host header; migrate.mjs sends this one.
            _ => new { engine = "libsql", url = t.HttpBaseUri.ToString(), host = t.HostHeader },
        };
        var start = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Folder, "migrate.mjs"));
        start.ArgumentList.Add(migrations);
        start.Environment["FERRY_DRIZZLE"] = JsonSerializer.Serialize(config);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"drizzle-orm's migrator failed ({process.ExitCode}): {await stderr}");
        using var json = JsonDocument.Parse(await stdout);
        return json.RootElement.EnumerateArray()
            .Select(r => new Row(r.GetProperty("hash").GetString()!, long.Parse(r.GetProperty("created_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    }
}

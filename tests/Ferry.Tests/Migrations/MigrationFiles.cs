using System.Text.Json;
using Ferry.Connections;
using Ferry.Engines;
using Ferry.Migrations;
using Ferry.Tests.Support;

namespace Ferry.Tests.Migrations;

/// <summary>A migrations folder of a test's own, written file by file, deleted afterwards.</summary>
public sealed class MigrationFiles : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("ferry-migrations-").FullName;

    public MigrationFiles Write(string name, string sql)
    {
        File.WriteAllText(Path.Combine(Directory, name), sql);
        return this;
    }

    /// <summary>A drizzle-kit folder: one <c>NNNN_tag.sql</c> per entry, its statements joined by breakpoints, and the journal listing them.</summary>
    public MigrationFiles Drizzle(params (string Tag, long When, string[] Statements)[] entries)
    {
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "meta"));
        foreach (var (tag, _, statements) in entries)
            Write(tag + ".sql", string.Join("\n--> statement-breakpoint\n", statements));
        var journal = new
        {
            version = "7",
            dialect = "postgresql",
            entries = entries.Select((e, i) => new { idx = i, version = "7", when = e.When, tag = e.Tag, breakpoints = true }),
        };
        File.WriteAllText(Path.Combine(Directory, "meta", "_journal.json"), JsonSerializer.Serialize(journal));
        return this;
    }

    public MigrationSet Load(EngineKind engine) => MigrationFolder.Load(Directory, engine);

    public MigrationRunner Runner(ISqlSession session) => new(session, Load(session.Target.Engine));

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    /// <summary>The rows of a query as texts (numbers in invariant form), for comparing with what a test expects.</summary>
    public static async Task<List<string>> RowsAsync(ScratchDatabase scratch, string sql)
    {
        await using var db = await scratch.OpenAsync();
        var rows = await db.QueryAsync(sql, default);
        return rows.Select(r => string.Join("|", r.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))).ToList();
    }

    /// <summary>Whether <paramref name="table"/> exists, asked the way the runner asks.</summary>
    public static async Task<bool> TableExistsAsync(ScratchDatabase scratch, string table, string? schema = null)
    {
        await using var db = await scratch.OpenAsync();
        return await new TableName(schema, table).ExistsAsync(db, default);
    }
}

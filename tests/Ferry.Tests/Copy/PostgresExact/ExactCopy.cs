using System.Text.Json;
using Ferry.Copy;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Copy.PostgresExact;

/// <summary>One refused value as the rejects file lists it.</summary>
public sealed record Refusal(string Table, string Key, string Column, string Reason);

/// <summary>
/// A hostile PostgreSQL table copied into another engine with --rejects, so every refusal of the table is
/// listed, then read back column by column as the target's own text.
/// </summary>
public sealed class ExactCopy : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ferry-exact-").FullName;

    private ExactCopy(ScratchDatabase source, ScratchDatabase target, string engine)
    {
        Source = source;
        Target = target;
        Engine = engine;
    }

    /// <summary>The engines a PostgreSQL value must arrive in exactly, or be refused by name.</summary>
    public static TheoryData<string> Targets => new() { "sqlite", "sqld", "mysql" };

    public ScratchDatabase Source { get; }

    public ScratchDatabase Target { get; }

    /// <summary>sqlite, sqld or mysql.</summary>
    public string Engine { get; }

    public static async Task<ExactCopy> StartAsync(string engine, string sourceDdl)
    {
        var source = await ScratchDatabase.PostgresAsync();
        await CopyHarness.ExecuteAsync(source.Target, sourceDdl);
        return new ExactCopy(source, await ScratchDatabase.ForEngineAsync(engine), engine);
    }

    /// <summary>Copies everything; returns the refusals, each line of the rejects file.</summary>
    public async Task<List<Refusal>> CopyAsync(params string[] casts)
    {
        var rejects = Path.Combine(_folder, $"rejects-{Guid.NewGuid():N}.jsonl");
        await CopyHarness.CopyAsync(Source.Target, Target.Target, new CopyOptions { RejectsFile = rejects, Casts = casts });
        if (!File.Exists(rejects)) return [];
        return (await File.ReadAllLinesAsync(rejects)).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            var r = json.RootElement;
            return new Refusal(r.GetProperty("table").GetString()!, r.GetProperty("key").GetString()!, r.GetProperty("column").GetString()!, r.GetProperty("reason").GetString()!);
        }).ToList();
    }

    /// <summary>Each row's key and the columns as the target's text (SQLite's CAST AS TEXT, MySQL's CAST AS CHAR), ordered by id.</summary>
    public async Task<Dictionary<long, string?[]>> TargetTextAsync(string table, params string[] columns)
    {
        var q = Engine == "mysql" ? '`' : '"';
        var type = Engine == "mysql" ? "CHAR" : "TEXT";
        var rows = await CopyHarness.RowsAsync(Target.Target, $"SELECT id, {string.Join(", ", columns.Select(c => $"CAST({q}{c}{q} AS {type})"))} FROM {q}{table}{q} ORDER BY id");
        return rows.ToDictionary(r => Convert.ToInt64(r[0], System.Globalization.CultureInfo.InvariantCulture), r => r.Skip(1).Select(v => v as string).ToArray());
    }

    /// <summary>The source's own text of one expression per row, as PostgreSQL prints it.</summary>
    public async Task<Dictionary<long, string?>> SourceTextAsync(string table, string expression)
    {
        var rows = await CopyHarness.RowsAsync(Source.Target, $"SELECT id, ({expression})::text FROM {table} ORDER BY id");
        return rows.ToDictionary(r => Convert.ToInt64(r[0], System.Globalization.CultureInfo.InvariantCulture), r => r[1] as string);
    }

    public async ValueTask DisposeAsync()
    {
        await Target.DisposeAsync();
        await Source.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

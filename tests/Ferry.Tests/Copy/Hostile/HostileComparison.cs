using System.Globalization;
using System.Text;
using System.Text.Json;
using Ferry.Connections;
using Ferry.Copy;
using Ferry.Ddl;
using Ferry.Engines;
using Ferry.Tests.Support;
using Ferry.Values;
using Ferry.Verify;
using Xunit;

namespace Ferry.Tests.Copy.Hostile;

/// <summary>
/// One copy of a hostile source into a scratch database of another engine, with --rejects, compared cell by
/// cell through the canonical encoding: each value the plan's conversion accepts arrives as that value (read
/// back and read as the planned type), and each one it refuses is in the rejects file under its table, key
/// and column, the key as the copy names the row. A table the plan refuses by name (a name the target would
/// cut) is in the report under that name; no other table may be lost. Shared by every source engine's hostile
/// corpus, whose tables each have one integer column, the first, that tells their rows apart.
/// </summary>
public static class HostileComparison
{
    /// <summary>Copies <paramref name="source"/> into a new <paramref name="targetEngine"/> database and returns how many cells were compared.</summary>
    /// <param name="inspect">Given the copy's report, for a corpus to assert the objects the target refused, each by its reason.</param>
    public static async Task<int> CopyAndCompareAsync(ConnectionTarget source, string targetEngine, string workDir, Action<CopyReport>? inspect = null)
    {
        await using var target = await ScratchDatabase.ForEngineAsync(targetEngine);
        var plan = await CopyHarness.PlanAsync(source, target.Target.Engine);
        var rejectsFile = Path.Combine(workDir, $"rejects-{targetEngine}.jsonl");
        var report = await CopyHarness.CopyAsync(source, target.Target, new CopyOptions { RejectsFile = rejectsFile });

        // A table the plan refuses by name is reported under that name and not compared.
        var refusedTables = plan.Steps.Where(s => s.Kind == StepKind.CreateTable && s.Refusal is not null).ToDictionary(s => s.Table, s => s.Refusal!);
        foreach (var (name, why) in refusedTables)
            Assert.Contains(report.Problems, p => p.StartsWith($"{name} could not be created ({why})", StringComparison.Ordinal));
        // Any other table lost is a failure of its own, said before any of its rows are looked for; a key or index
        // the target refuses is a refusal of that one object, which the corpus asserts by its reason.
        var lost = report.Steps.Where(s => s.Step.Kind == StepKind.CreateTable && s.Status == StepStatus.Failed && s.Step.Refusal is null)
            .Select(s => $"{s.Step.Object}: {s.Error}").ToList();
        Assert.True(lost.Count == 0, string.Join(Environment.NewLine, lost));
        inspect?.Invoke(report);
        var refused = File.Exists(rejectsFile)
            ? (await File.ReadAllLinesAsync(rejectsFile)).Select(line => JsonDocument.Parse(line).RootElement)
                .Select(r => (Table: r.GetProperty("table").GetString(), Key: r.GetProperty("key").GetString(), Column: r.GetProperty("column").GetString())).ToHashSet()
            : [];
        var compared = 0;
        foreach (var table in plan.Tables.Where(t => !refusedTables.ContainsKey(t.Target.Name)))
        {
            var converters = table.Choices.Select(c => Conversion.For(c, target.Target.Engine)).ToArray();
            // Both sides read as the copy reads a source (invalid UTF-8 as its bytes; a SQLite-family table verbatim).
            var sourceRows = await RowsAsync(source, table.Source, table.Verbatim);
            var targetRows = (await RowsAsync(target.Target, table.Written, table.Verbatim)).ToDictionary(r => Id(r[0]));
            Assert.Equal(sourceRows.Count, targetRows.Count + refused.Count(r => r.Table == table.Target.Name));
            // Each row under the key the copy names it by: its key columns, or for a keyless table its number in read order.
            foreach (var (row, key) in sourceRows.Select((row, i) => (row, table.KeyText(row, i + 1))).OrderBy(r => Id(r.row[0])))
            {
                var refusal = refused.FirstOrDefault(r => r.Table == table.Target.Name && r.Key == key);
                if (refusal != default)
                {
                    // Refused by name: its converter refuses that very column's value.
                    var at = table.Source.Columns.ToList().FindIndex(c => c.Name == refusal.Column);
                    Assert.Throws<ValueRefusedException>(() => converters[at].Apply(row[at]));
                    Assert.False(targetRows.ContainsKey(Id(row[0])));
                    continue;
                }
                Assert.True(targetRows.TryGetValue(Id(row[0]), out var arrived),
                    $"{targetEngine}: {table.Target.Name} {key} is neither in the target nor in the rejects file");
                for (var c = 0; c < converters.Length; c++)
                {
                    // Carried as stored: compared by storage class; converted: read as the planned type.
                    var type = table.Choices[c].Type;
                    var expected = table.Verbatim ? Canonical.OfStored(row[c]) : Canonical.Of(converters[c].Apply(row[c]), type);
                    var actual = table.Verbatim ? Canonical.OfStored(arrived![c]) : Canonical.Of(arrived![c], type);
                    Assert.True(expected.AsSpan().SequenceEqual(actual),
                        $"{targetEngine}: {table.Target.Name} {key}.{table.Written.Columns[c].Name} ({type}): sent {Convert.ToHexString(expected)}, the target holds {Convert.ToHexString(actual)} ({arrived[c]})");
                    compared++;
                }
            }
        }
        await AgreesWithVerifyAsync(source, target.Target, targetEngine, refusedTables.Keys.ToHashSet(), refused.Select(r => r.Table!).ToList());
        return compared;
    }

    /// <summary>
    /// ferry verify, given the same copy, comes to the same verdict: a table whose rows were all carried is the
    /// same on both sides, and in one with refused rows each difference it names is a row missing from the
    /// target, as many as the rejects file holds — "equal" means one thing in the copy, in verify and here.
    /// </summary>
    private static async Task AgreesWithVerifyAsync(ConnectionTarget source, ConnectionTarget target, string targetEngine, HashSet<string> refusedTables, List<string> rejectedRows)
    {
        await using var from = await Databases.OpenAsync(source, new OpenOptions { Access = AccessMode.ReadOnly }, default);
        await using var to = await Databases.OpenAsync(target, new OpenOptions { Access = AccessMode.ReadOnly }, default);
        var report = await new VerifyRunner(from, to, new VerifyOptions { MaxDiffs = int.MaxValue }).RunAsync(default);
        foreach (var table in report.Tables.Where(t => !refusedTables.Contains(t.Table)))
        {
            var rejected = rejectedRows.Count(r => r == table.Table);
            var why = $"{targetEngine}: verify on {table.Table}: {table.Status}, {string.Join("; ", table.Schema.Select(s => s.Text).Concat(table.Listed.Select(d => $"{d.Key} {d.Kind} {d.Column} {d.Source} → {d.Target}")))}";
            Assert.True(table.Status == (rejected == 0 ? TableStatus.Same : TableStatus.Differs), why);
            Assert.True(table.Listed.All(d => d.Kind == DifferenceKind.Missing), why);
            // Range checksums that differ where no row does would mean a hash text one engine writes otherwise than Ferry.
            Assert.True(rejected > 0 || table.Note is null, $"{why}: {table.Note}");
            if (table.Differences is { } named) Assert.True(named == rejected, why);
        }
    }

    /// <summary>A row's id, the first column: a number, or its text's bytes as a MySQL-to-MySQL copy reads it.</summary>
    private static long Id(object? value) =>
        value is byte[] text ? long.Parse(Encoding.ASCII.GetString(text), CultureInfo.InvariantCulture) : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    /// <summary>The rows in the order the copy reads them, so a keyless table's row numbers are the copy's.</summary>
    private static async Task<List<object?[]>> RowsAsync(ConnectionTarget at, Ferry.Schema.Table table, bool verbatim)
    {
        await using var db = await Databases.OpenAsync(at, new OpenOptions { Access = AccessMode.ReadOnly }, default);
        var rows = new List<object?[]>();
        await foreach (var row in db.ReadRowsAsync(table, new RowReadOptions { Verbatim = verbatim }, default)) rows.Add(row);
        return rows;
    }
}

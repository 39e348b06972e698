using System.Globalization;
using System.Text.Json;
using Ferry.Connections;
using Ferry.Copy;
using Ferry.Engines;
using Ferry.Tests.Support;
using Ferry.Values;
using Xunit;

namespace Ferry.Tests.Copy.Hostile;

/// <summary>
/// One hostile source copied into a fresh database of one engine with --rejects, compared cell by cell
/// through the canonical encoding: each value the plan's conversion accepts arrives as that value (read back
/// and read as the planned type), and each one it refuses is in the rejects file under its table, key and
/// column. Shared by every source engine's corpus, so they all mean the same by "arrived".
/// </summary>
public static class HostileComparison
{
    /// <summary>Copies <paramref name="source"/> into a scratch database of <paramref name="targetEngine"/>, keeping the rejects file in <paramref name="workDir"/>; returns the number of cells compared.</summary>
    public static async Task<int> CopyAndCompareAsync(ConnectionTarget source, string targetEngine, string workDir)
    {
        await using var target = await ScratchDatabase.ForEngineAsync(targetEngine);
        var plan = await CopyHarness.PlanAsync(source, target.Target.Engine);
        var rejectsFile = Path.Combine(workDir, $"rejects-{targetEngine}.jsonl");
        var report = await CopyHarness.CopyAsync(source, target.Target, new CopyOptions { RejectsFile = rejectsFile });

        var refused = File.Exists(rejectsFile)
            ? (await File.ReadAllLinesAsync(rejectsFile)).Select(line => JsonDocument.Parse(line).RootElement)
                .Select(r => (Table: r.GetProperty("table").GetString(), Key: r.GetProperty("key").GetString(), Column: r.GetProperty("column").GetString())).ToHashSet()
            : [];
        var compared = 0;
        foreach (var table in plan.Tables)
        {
            var converters = table.Choices.Select(c => ValueConverters.For(c, target.Target.Engine)).ToArray();
            // Both sides read as the copy reads a source (invalid UTF-8 as its bytes; a SQLite-family table verbatim).
            var sourceRows = await RowsAsync(source, table.Source, table.Verbatim);
            var targetRows = (await RowsAsync(target.Target, table.Written, table.Verbatim)).ToDictionary(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture));
            Assert.Equal(sourceRows.Count, targetRows.Count + refused.Count(r => r.Table == table.Target.Name));
            foreach (var row in sourceRows)
            {
                var key = $"(id={row[0]})";
                var refusal = refused.FirstOrDefault(r => r.Table == table.Target.Name && r.Key == key);
                if (refusal != default)
                {
                    // Refused by name: its converter refuses that very column's value.
                    var at = table.Source.Columns.ToList().FindIndex(c => c.Name == refusal.Column);
                    Assert.Throws<ValueRefusedException>(() => converters[at](row[at]));
                    Assert.False(targetRows.ContainsKey(Convert.ToInt64(row[0], CultureInfo.InvariantCulture)));
                    continue;
                }
                var arrived = targetRows[Convert.ToInt64(row[0], CultureInfo.InvariantCulture)];
                for (var c = 0; c < converters.Length; c++)
                {
                    // Carried as stored: compared by storage class; converted: read as the planned type.
                    var type = table.Choices[c].Type;
                    var expected = table.Verbatim ? Canonical.OfStored(row[c]) : Canonical.Of(converters[c](row[c]), type);
                    var actual = table.Verbatim ? Canonical.OfStored(arrived[c]) : Canonical.Of(arrived[c], type);
                    Assert.True(expected.AsSpan().SequenceEqual(actual),
                        $"{targetEngine}: {table.Target.Name} {key}.{table.Written.Columns[c].Name} ({type}): sent {Convert.ToHexString(expected)}, the target holds {Convert.ToHexString(actual)} ({arrived[c]})");
                    compared++;
                }
            }
        }
        Assert.DoesNotContain(report.Problems, p => p.Contains("could not be created", StringComparison.Ordinal));
        return compared;
    }

    private static async Task<List<object?[]>> RowsAsync(ConnectionTarget at, Ferry.Schema.Table table, bool verbatim)
    {
        await using var db = await Databases.OpenAsync(at, new OpenOptions { Access = AccessMode.ReadOnly }, default);
        var rows = new List<object?[]>();
        await foreach (var row in db.ReadRowsAsync(table, new RowReadOptions { Verbatim = verbatim }, default)) rows.Add(row);
        return rows.OrderBy(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)).ToList();
    }
}

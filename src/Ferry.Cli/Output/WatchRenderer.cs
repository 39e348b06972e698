using System.Globalization;
using Ferry.Connections;
using Ferry.Monitoring;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Ferry.Cli.Output;

/// <summary>
/// How <c>ferry watch</c> shows its rounds: one JSON line per sample for logs and pipes, or a table per database
/// redrawn in place on a terminal. Both stop at the first database that has failed <c>--fail-after</c> checks in a row.
/// </summary>
public static class WatchRenderer
{
    /// <returns>The sample that reached the limit, or null when the rounds ended (Ctrl-C or --count).</returns>
    public static async Task<HealthSample?> LinesAsync(IAsyncEnumerable<IReadOnlyList<HealthSample>> rounds, int failAfter, TextWriter output)
    {
        await foreach (var round in rounds)
        {
            foreach (var sample in round) Json.WriteLine(output, sample);
            // Each line reaches a pipe or log as it happens, not when a buffer fills.
            await output.FlushAsync();
            if (GaveUp(round, failAfter) is { } stopped) return stopped;
        }
        return null;
    }

    public static async Task<HealthSample?> LiveAsync(IAsyncEnumerable<IReadOnlyList<HealthSample>> rounds, int failAfter)
    {
        HealthSample? stopped = null;
        await Consoles.Out.Live(new Text("checking…")).StartAsync(async live =>
        {
            await foreach (var round in rounds)
            {
                live.UpdateTarget(new Rows(round.Select(Card)));
                if ((stopped = GaveUp(round, failAfter)) is not null) return;
            }
        });
        return stopped;
    }

    private static HealthSample? GaveUp(IReadOnlyList<HealthSample> round, int failAfter) =>
        failAfter > 0 ? round.FirstOrDefault(s => s.ConsecutiveFailures >= failAfter) : null;

    private static Table Card(HealthSample sample)
    {
        var table = new Table().Border(TableBorder.Rounded).HideHeaders()
            .Title(Markup.Escape($"{sample.Where}  ({sample.At.ToLocalTime():HH:mm:ss})"))
            .AddColumn("what").AddColumn("value");
        if (!sample.Reachable)
        {
            Row(table, "[red]down[/]", $"{sample.ConsecutiveFailures} check(s) in a row, {sample.Attempts} tries each: {sample.Error}");
            return table;
        }
        var retried = sample.Attempts > 1 ? $" after {sample.Attempts} tries" : "";
        Row(table, "[green]up[/]", $"{sample.Engine?.Display()} {sample.Version}, round trip {Ms(sample.RoundTripMs ?? 0)}{retried}");
        if (sample.Details is not { } details) return table;
        Row(table, "size", Sizes.Human(details.DatabaseSizeBytes));
        if (details.Connections is { } connections)
            Row(table, "connections", string.Join(", ", connections.Select(c => $"{c.Key} {c.Value}")));
        if (details.Connections is not null)
            Row(table, "longest query", details.LongestQuery is { } q ? $"{q.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s {q.State}: {Short(q.Text)}" : "none running");
        if (details.LargestTables.Count > 0)
            Row(table, "largest tables", string.Join("\n", details.LargestTables.Select(t =>
                $"{t.Name} {Sizes.Human(t.SizeBytes)}" + (t.Rows is { } rows ? $" (~{rows.ToString("N0", CultureInfo.InvariantCulture)} rows)" : ""))));
        if (details.TopStatements is { Count: > 0 } top)
            Row(table, "top statements", string.Join("\n", top.Select(s =>
                $"{Ms(s.TotalMs)} in {s.Calls.ToString("N0", CultureInfo.InvariantCulture)} calls ({Ms(s.MeanMs)} each): {Short(s.Text)}")));
        foreach (var note in details.Notes) Row(table, "note", note);
        return table;
    }

    private static void Row(Table table, string label, string value) => table.AddRow(new Markup(label), new Text(value));

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "0.00" : "0", CultureInfo.InvariantCulture) + " ms";

    private static string Short(string sql) => sql.Length <= 100 ? sql : sql[..99] + "…";
}

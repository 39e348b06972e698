using System.Diagnostics;
using Ferry.Connections;
using Ferry.Copy;
using Ferry.Engines;
using Ferry.Errors;
using Ferry.Migrations.Lint;
using Ferry.Schema;
using Ferry.Verify;

namespace Ferry.Migrations.Rehearse;

/// <summary>
/// "Staging first": copies the target into an empty scratch database (as <c>ferry copy</c> does), applies the
/// pending migrations there (as <c>ferry migrate up</c> does, lock and history included), and checks what came
/// out: every table's rows counted against the target's, and the tables no migration names verified against
/// the target (as <c>ferry verify --level counts</c> does, schema included). The target is only read.
/// </summary>
public static class Rehearsal
{
    /// <summary>Refuses a scratch that is the target itself: the rehearsal would then be the real thing.</summary>
    public static void RefuseSame(ConnectionTarget target, ConnectionTarget scratch)
    {
        if (target.SameDatabaseAs(scratch))
            throw new FerryException(FerryErrorKind.Usage,
                $"--on {scratch.Redacted} is the database being migrated: rehearse on another, empty database (a scratch file or a database created for it).");
    }

    public static async Task<RehearsalReport> RunAsync(IDatabase target, IDatabase scratch, MigrationSet set, UpOptions up, LintOptions lint, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var there = await scratch.ReadShapeAsync(ct).ConfigureAwait(false);
        if (there.Tables.Count > 0 || there.Views.Count > 0)
            throw new FerryException(FerryErrorKind.Usage,
                $"--on {scratch.Target.Redacted} is not empty ({there.Tables.Count} tables, {there.Views.Count} views): a rehearsal copies the target into an empty database, so nothing of its own is overwritten.");
        // Each table's exact row count comes with its schema.
        var before = await target.ReadSchemaWithoutSizesAsync(ct).ConfigureAwait(false);

        var copyOptions = new CopyOptions();
        var plan = await CopyPlanner.PlanAsync(target, scratch.Target.Engine, copyOptions, ct).ConfigureAwait(false);
        var copied = await new CopyRunner(target, scratch, copyOptions).RunAsync(plan, ct).ConfigureAwait(false);

        IReadOnlyList<Migration> attempted = [];
        IReadOnlyList<LintFinding> findings = [];
        var runner = new MigrationRunner(scratch, set);
        var run = await runner.UpAsync(up with
        {
            // Lint is told, not obeyed: a rehearsal is where a destructive migration is tried before it is acknowledged.
            BeforeApply = async (migrations, token) =>
            {
                attempted = migrations;
                findings = await new MigrationLinter(scratch, lint).LintAsync(migrations, token).ConfigureAwait(false);
            },
        }, ct).ConfigureAwait(false);

        var after = await scratch.ReadSchemaWithoutSizesAsync(ct).ConfigureAwait(false);
        var named = Named(attempted, scratch.Target.Engine);
        named.Add(runner.History.Table.Name);
        named.Add(MigrationFailures.Table.Name);
        var untouched = before.Tables.Where(t => !named.Contains(t.Name) && after.FindTable(t.Name) is not null).Select(t => t.Name).ToList();
        var verified = untouched.Count == 0 ? []
            : (await new VerifyRunner(target, scratch, new VerifyOptions { Level = VerifyLevel.Counts, Tables = untouched }).RunAsync(ct).ConfigureAwait(false)).Tables;

        var checks = new List<TableCheck>();
        foreach (var table in before.Tables)
        {
            var touched = named.Contains(table.Name);
            var now = after.FindTable(table.Name);
            var rowsNow = now?.RowCount;
            var verdict = verified.FirstOrDefault(v => v.Table == table.Name);
            var problem = touched ? null
                : now is null ? "is gone, though no migration names it"
                : rowsNow != table.RowCount ? $"holds {rowsNow} rows where the target holds {table.RowCount}, though no migration names it"
                : verdict is { Schema.Count: > 0 } ? $"changed shape, though no migration names it: {string.Join("; ", verdict.Schema.Select(d => d.Text))}"
                : null;
            checks.Add(new TableCheck(table.QualifiedName, table.RowCount, rowsNow, touched, problem));
        }
        foreach (var table in after.Tables.Where(t => before.FindTable(t.Name) is null))
            checks.Add(new TableCheck(table.QualifiedName, null, table.RowCount, true, null));

        return new RehearsalReport
        {
            CopyElapsed = copied.Elapsed, CopyProblems = copied.Problems, Attempted = attempted, Run = run,
            Tables = checks, Findings = findings, Elapsed = clock.Elapsed,
        };
    }


    /// <summary>Every name the migrations' statements mention, as the tokenizer reads them: a table among them may change, the rest may not.</summary>
    private static HashSet<string> Named(IReadOnlyList<Migration> migrations, EngineKind engine)
    {
        var flavor = SqlScript.FlavorOf(engine);
        return migrations.SelectMany(m => m.Statements).SelectMany(s => SqlTokenizer.Tokenize(s, flavor))
            .Where(t => t.Kind is TokenKind.Word or TokenKind.QuotedName).Select(t => t.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}

using System.CommandLine;
using Ferry.Cli.Output;
using Ferry.Engines;
using Ferry.Migrations;
using Ferry.Migrations.Generate;
using Ferry.Migrations.Lint;
using Ferry.Migrations.Rehearse;

namespace Ferry.Cli.Commands;

/// <summary>
/// <c>ferry migrate new | generate | status | up | down | validate | baseline | lint | rehearse</c>: versioned SQL migrations from a
/// folder in Ferry's format or drizzle-kit's, applied under a lock and recorded in the format's history table.
/// </summary>
public static class MigrateCommand
{
    private static readonly Option<string?> Dir = new("--dir")
    {
        Description = "The migrations folder (default: ./migrations, or ./drizzle when it holds meta/_journal.json)",
        Recursive = true,
    };

    private static readonly Option<string> Url = new("--url")
    {
        Description = "The database to migrate (default: env:DATABASE_URL)",
        DefaultValueFactory = _ => "env:DATABASE_URL",
        Recursive = true,
    };

    private static readonly Option<TimeSpan> LockTimeout = Durations.Option("--lock-timeout",
        "How long to wait while another run holds the migration lock (default 5m; a plain number is seconds)", TimeSpan.FromMinutes(5), zero: true, recursive: true);

    private static readonly Option<long> LargeRows = new("--large-rows")
    {
        Description = "PostgreSQL: a table with more rows than this (estimated) is large, and lint flags an index built on it without CONCURRENTLY (default 100000)",
        DefaultValueFactory = _ => new LintOptions().LargeRows,
        Recursive = true,
    };

    public static Command Create()
    {
        var command = new Command("migrate", "Apply, undo and check versioned SQL migrations (Ferry's NNNN_name.sql or a drizzle-kit folder)")
        {
            Dir, Url, LockTimeout, LargeRows, New(), Generate(), Status(), Up(), Down(), Validate(), Baseline(), Lint(), Rehearse(),
        };
        return command;
    }

    private static Command New()
    {
        var name = new Argument<string>("name") { Description = "What the migration does, as in add_email" };
        var command = new Command("new", "Create the next NNNN_name.sql and NNNN_name.down.sql in the folder") { name };
        command.SetAction(parse =>
        {
            var (up, down) = NewMigration.Create(Folder(parse), parse.GetValue(name)!);
            Console.Out.WriteLine($"created {up}");
            Console.Out.WriteLine($"created {down}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Generate()
    {
        var name = new Argument<string>("name") { Description = "What the migration does, as in add_email" };
        var schema = new Option<string>("--schema") { Description = "The SQL file holding the schema you want", Required = true };
        var scratch = new Option<string?>("--scratch") { Description = "PostgreSQL/MySQL: the server to make scratch databases on (default: the --url server)" };
        var command = new Command("generate", "Write the next migration (and its down part) from the folder's migrations to the schema in --schema") { name, schema, scratch };
        command.SetAction(async (parse, ct) =>
        {
            var result = await MigrationGenerator.GenerateAsync(new GenerateOptions
            {
                Name = parse.GetValue(name)!,
                SchemaFile = Path.GetFullPath(parse.GetValue(schema)!),
                Directory = Folder(parse),
                Target = CommonOptions.ParseTarget(parse, parse.GetValue(Url)!),
                Scratch = parse.GetValue(scratch) is { } url ? CommonOptions.ParseTarget(parse, url) : null,
                RetryFor = CommonOptions.RetryWindow(parse),
            }, ct);
            MigrateRenderer.Generated(result);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Status()
    {
        var command = new Command("status", "List each migration: applied, pending, changed since applied, missing its file, out of order, or failed") { CommonOptions.Json };
        command.SetAction(async (parse, ct) =>
        {
            var (database, set) = await OpenAsync(parse, AccessMode.ReadOnly, ct);
            await using (database)
            {
                var runner = new MigrationRunner(database, set);
                var plan = await runner.PlanAsync(ct);
                if (parse.GetValue(CommonOptions.Json)) MigrateJson.Status(database.Target.Redacted, runner.History.Table, plan);
                else MigrateRenderer.Status(database.Target.Redacted, runner.History.Table, plan);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Validate()
    {
        var command = new Command("validate", "Check the folder reads and agrees with the history: exit 1 on a changed, missing, failed or out-of-order migration") { CommonOptions.Json };
        command.SetAction(async (parse, ct) =>
        {
            var (database, set) = await OpenAsync(parse, AccessMode.ReadOnly, ct);
            await using (database)
            {
                var runner = new MigrationRunner(database, set);
                var plan = await runner.PlanAsync(ct);
                if (parse.GetValue(CommonOptions.Json)) return MigrateJson.Validate(plan);
                MigrateRenderer.Problems(plan);
                if (!plan.Valid) return ExitCodes.Failed;
                Console.Out.WriteLine($"valid: {set.Migrations.Count} migrations in {set.Directory}, {plan.In(MigrationState.Pending).Count()} pending");
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static Command Up()
    {
        var to = new Option<string?>("--to") { Description = "Apply up to and including this version (e.g. 0003)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would run, statement by statement, and change nothing" };
        var outOfOrder = new Option<bool>("--allow-out-of-order") { Description = "Also apply migrations older than the newest applied one that never ran" };
        var retryFailed = new Option<bool>("--retry-failed") { Description = "Run a migration that failed part-way (outside a transaction) again from its start" };
        var command = new Command("up", "Apply pending migrations, each in its own transaction where the engine allows, under a lock") { to, dryRun, outOfOrder, retryFailed, CommonOptions.Json };
        command.SetAction(async (parse, ct) =>
        {
            var json = parse.GetValue(CommonOptions.Json);
            var options = new UpOptions
            {
                To = parse.GetValue(to),
                AllowOutOfOrder = parse.GetValue(outOfOrder),
                RetryFailed = parse.GetValue(retryFailed),
                LockWait = LockWait(parse),
                OnApplied = json ? null : MigrateRenderer.Applied,
            };
            var dry = parse.GetValue(dryRun);
            var (database, set) = await OpenAsync(parse, dry ? AccessMode.ReadOnly : AccessMode.ReadWrite, ct);
            await using (database)
            {
                var runner = new MigrationRunner(database, set);
                if (dry)
                {
                    var toApply = (await runner.PlanAsync(ct)).ToApply(options);
                    if (json) MigrateJson.DryRun(toApply);
                    else MigrateRenderer.DryRun(toApply);
                    return ExitCodes.Ok;
                }
                var result = await runner.UpAsync(options with { BeforeApply = MigrationLinter.Guard(database, LintOptionsOf(parse)) }, ct);
                return json ? MigrateJson.Result(result) : MigrateRenderer.Result(result, "applied");
            }
        });
        return command;
    }

    private static Command Down()
    {
        var steps = new Option<int>("--steps") { Description = "How many of the newest applied migrations to undo (default 1)", DefaultValueFactory = _ => 1 };
        var command = new Command("down", "Undo the newest applied migrations by their .down.sql parts or '-- ferry:down' sections") { steps, CommonOptions.Json };
        command.SetAction(async (parse, ct) =>
        {
            var (database, set) = await OpenAsync(parse, AccessMode.ReadWrite, ct);
            await using (database)
            {
                var json = parse.GetValue(CommonOptions.Json);
                var result = await new MigrationRunner(database, set).DownAsync(parse.GetValue(steps), json ? null : MigrateRenderer.Undone, LockWait(parse), ct);
                return json ? MigrateJson.Result(result) : MigrateRenderer.Result(result, "undid");
            }
        });
        return command;
    }

    private static Command Baseline()
    {
        var to = new Option<string?>("--to") { Description = "Record up to and including this version (default: all)" };
        var command = new Command("baseline", "Record migrations as applied without running them, to adopt a database whose schema is already there") { to };
        command.SetAction(async (parse, ct) =>
        {
            var (database, set) = await OpenAsync(parse, AccessMode.ReadWrite, ct);
            await using (database)
            {
                var runner = new MigrationRunner(database, set);
                var recorded = await runner.BaselineAsync(parse.GetValue(to), LockWait(parse), ct);
                foreach (var m in recorded) Console.Out.WriteLine($"recorded {m.Name}");
                Console.Out.WriteLine($"recorded {recorded.Count} migration{(recorded.Count == 1 ? "" : "s")} as applied in {runner.History.Table}, without running them");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Lint()
    {
        var command = new Command("lint",
            "Flag risky changes in the pending migrations (dropped tables or columns, narrowed types, NOT NULL without a default, renames done as drop+add, " +
            "non-concurrent indexes on large PostgreSQL tables): exit 1 while one is not acknowledged by '-- ferry:allow RULE'") { CommonOptions.Json };
        command.SetAction(async (parse, ct) =>
        {
            var (database, set) = await OpenAsync(parse, AccessMode.ReadOnly, ct);
            await using (database)
            {
                var plan = await new MigrationRunner(database, set).PlanAsync(ct);
                var pending = plan.Entries.Where(e => e.State is MigrationState.Pending or MigrationState.OutOfOrder or MigrationState.Failed).Select(e => e.Migration!).ToList();
                var findings = await new MigrationLinter(database, LintOptionsOf(parse)).LintAsync(pending, ct);
                return parse.GetValue(CommonOptions.Json) ? MigrateJson.Lint(pending.Count, findings) : LintRenderer.Findings(pending.Count, findings);
            }
        });
        return command;
    }

    private static Command Rehearse()
    {
        var on = new Option<string>("--on") { Description = "An empty scratch database to copy the target into and migrate there (never the target itself)", Required = true };
        var outOfOrder = new Option<bool>("--allow-out-of-order") { Description = "Also apply migrations older than the newest applied one that never ran" };
        var command = new Command("rehearse",
            "Copy the target into an empty scratch database, apply the pending migrations there and check every table against the target; the target is only read")
            { on, outOfOrder, CommonOptions.Json };
        command.SetAction(async (parse, ct) =>
        {
            var target = CommonOptions.ParseTarget(parse, parse.GetValue(Url)!);
            var scratch = CommonOptions.ParseTarget(parse, parse.GetValue(on)!);
            Rehearsal.RefuseSame(target, scratch);
            var set = MigrationFolder.Load(Folder(parse), scratch.Engine);
            await using var targetDb = await CommonOptions.OpenAsync(parse, target, AccessMode.ReadOnly, ct);
            await using var scratchDb = await CommonOptions.OpenAsync(parse, scratch, AccessMode.ReadWrite, ct);
            var up = new UpOptions { AllowOutOfOrder = parse.GetValue(outOfOrder), LockWait = LockWait(parse) };
            var report = await Rehearsal.RunAsync(targetDb, scratchDb, set, up, LintOptionsOf(parse), ct);
            return parse.GetValue(CommonOptions.Json)
                ? MigrateJson.Rehearsal(target.Redacted, scratch.Redacted, report)
                : RehearsalRenderer.Report(target.Redacted, scratch.Redacted, report);
        });
        return command;
    }

    private static LintOptions LintOptionsOf(ParseResult parse) => new() { LargeRows = Math.Max(0, parse.GetValue(LargeRows)) };

    private static string Folder(ParseResult parse) => MigrationFolder.Resolve(parse.GetValue(Dir), Environment.CurrentDirectory);

    private static TimeSpan LockWait(ParseResult parse) => parse.GetValue(LockTimeout);

    /// <summary>The folder is read before the database is opened: a typo in a file name costs no connection.</summary>
    private static async Task<(IDatabase Database, MigrationSet Set)> OpenAsync(ParseResult parse, AccessMode access, CancellationToken ct)
    {
        var target = CommonOptions.ParseTarget(parse, parse.GetValue(Url)!);
        var set = MigrationFolder.Load(Folder(parse), target.Engine);
        return (await CommonOptions.OpenAsync(parse, target, access, ct), set);
    }
}

using System.CommandLine;
using Ferry.Cli.Output;
using Ferry.Engines;
using Ferry.Migrations;
using Ferry.Migrations.Generate;

namespace Ferry.Cli.Commands;

/// <summary>
/// <c>ferry migrate new | generate | status | up | down | validate | baseline</c>: versioned SQL migrations from a
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

    private static readonly Option<double> LockTimeout = new("--lock-timeout")
    {
        Description = "Seconds to wait while another run holds the migration lock (default 300)",
        DefaultValueFactory = _ => 300,
        Recursive = true,
    };

    public static Command Create()
    {
        var command = new Command("migrate", "Apply, undo and check versioned SQL migrations (Ferry's NNNN_name.sql or a drizzle-kit folder)")
        {
            Dir, Url, LockTimeout, New(), Generate(), Status(), Up(), Down(), Validate(), Baseline(),
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
                RetryFor = TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(CommonOptions.RetryFor))),
            }, ct);
            MigrateRenderer.Generated(result);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Status()
    {
        var command = new Command("status", "List each migration: applied, pending, changed since applied, missing its file, out of order, or failed");
        command.SetAction(async (parse, ct) =>
        {
            var (database, set) = await OpenAsync(parse, AccessMode.ReadOnly, ct);
            await using (database)
            {
                var runner = new MigrationRunner(database, set);
                MigrateRenderer.Status(database.Target.Redacted, runner.History.Table, await runner.PlanAsync(ct));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Validate()
    {
        var command = new Command("validate", "Check the folder reads and agrees with the history: exit 1 on a changed, missing, failed or out-of-order migration");
        command.SetAction(async (parse, ct) =>
        {
            var (database, set) = await OpenAsync(parse, AccessMode.ReadOnly, ct);
            await using (database)
            {
                var runner = new MigrationRunner(database, set);
                var plan = await runner.PlanAsync(ct);
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
        var command = new Command("up", "Apply pending migrations, each in its own transaction where the engine allows, under a lock") { to, dryRun, outOfOrder, retryFailed };
        command.SetAction(async (parse, ct) =>
        {
            var options = new UpOptions
            {
                To = parse.GetValue(to),
                AllowOutOfOrder = parse.GetValue(outOfOrder),
                RetryFailed = parse.GetValue(retryFailed),
                LockWait = LockWait(parse),
                OnApplied = MigrateRenderer.Applied,
            };
            var dry = parse.GetValue(dryRun);
            var (database, set) = await OpenAsync(parse, dry ? AccessMode.ReadOnly : AccessMode.ReadWrite, ct);
            await using (database)
            {
                var runner = new MigrationRunner(database, set);
                if (dry)
                {
                    MigrateRenderer.DryRun((await runner.PlanAsync(ct)).ToApply(options));
                    return ExitCodes.Ok;
                }
                return MigrateRenderer.Result(await runner.UpAsync(options, ct), "applied");
            }
        });
        return command;
    }

    private static Command Down()
    {
        var steps = new Option<int>("--steps") { Description = "How many of the newest applied migrations to undo (default 1)", DefaultValueFactory = _ => 1 };
        var command = new Command("down", "Undo the newest applied migrations by their .down.sql parts") { steps };
        command.SetAction(async (parse, ct) =>
        {
            var (database, set) = await OpenAsync(parse, AccessMode.ReadWrite, ct);
            await using (database)
            {
                var result = await new MigrationRunner(database, set).DownAsync(parse.GetValue(steps), MigrateRenderer.Undone, LockWait(parse), ct);
                return MigrateRenderer.Result(result, "undid");
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

    private static string Folder(ParseResult parse) => MigrationFolder.Resolve(parse.GetValue(Dir), Environment.CurrentDirectory);

    private static TimeSpan LockWait(ParseResult parse) => TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(LockTimeout)));

    /// <summary>The folder is read before the database is opened: a typo in a file name costs no connection.</summary>
    private static async Task<(IDatabase Database, MigrationSet Set)> OpenAsync(ParseResult parse, AccessMode access, CancellationToken ct)
    {
        var target = CommonOptions.ParseTarget(parse, parse.GetValue(Url)!);
        var set = MigrationFolder.Load(Folder(parse), target.Engine);
        return (await CommonOptions.OpenAsync(parse, target, access, ct), set);
    }
}

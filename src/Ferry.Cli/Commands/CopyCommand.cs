using System.CommandLine;
using Ferry.Cli.Output;
using Ferry.Copy;
using Ferry.Engines;
using Ferry.Verify;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry copy SOURCE TARGET</c>: tables and rows from one database into another, any engine to any engine.</summary>
public static class CopyCommand
{
    public static Command Create()
    {
        var source = CommonOptions.Url("source", "The database to copy from (opened read-only)");
        var target = CommonOptions.Url("target", "The database to copy into");
        var tables = CommonOptions.Tables();
        var exclude = CommonOptions.Exclude();
        var schemaOnly = new Option<bool>("--schema-only") { Description = "Create the tables, keys and indexes; copy no rows" };
        var dataOnly = new Option<bool>("--data-only") { Description = "Copy rows into tables that already exist" };
        var ifExists = new Option<IfExists>("--if-exists") { Description = "A target table that exists: fail (default: fill it only if empty), truncate, append or drop", DefaultValueFactory = _ => IfExists.Fail };
        var onConflict = new Option<OnConflict>("--on-conflict") { Description = "Rows whose key the target already holds: fail (default), skip (counted), update", DefaultValueFactory = _ => OnConflict.Fail };
        var jobs = new Option<int>("--jobs") { Description = "Tables loaded in parallel, each on its own connections (PostgreSQL and MySQL targets)", DefaultValueFactory = _ => 1 };
        var batchSize = new Option<int?>("--batch-size") { Description = "Rows read ahead and sent per request: a libSQL batch (default 1,000, each its own transaction), a MySQL LOAD DATA file (default 50,000); PostgreSQL and SQLite load a table in one COPY or transaction whatever it is" };
        batchSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1) result.AddError("--batch-size must be at least 1.");
        });
        var rejects = new Option<string?>("--rejects") { Description = "Write refused rows to this file (JSON lines) and go on; without it the first refused row stops the copy" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan, the type evidence and every DDL statement; change nothing" };
        var casts = new Option<string[]>("--cast") { Description = "Override a column's type: table.column=type (e.g. Message.createdAt=timestamptz)" };
        var resume = new Option<bool>("--resume") { Description = "Finish a copy that was interrupted, from its journal: loaded tables are kept, the one in progress is redone" };
        var journal = new Option<string?>("--journal") { Description = "The checkpoint journal (default: ./.ferry/copy-<hash of source and target>.json)" };
        var verify = new Option<bool>("--verify") { Description = "After the copy, compare source and target by content checksums (as ferry verify --level checksums); exit 6 when they differ" };
        var online = new Option<bool>("--online") { Description = "PostgreSQL: build indexes with CREATE INDEX CONCURRENTLY, so a target in use keeps taking writes" };
        var notValid = new Option<bool>("--fk-not-valid") { Description = "PostgreSQL and MySQL: add foreign keys that copied rows break without checking those rows (NOT VALID) instead of leaving them out" };
        var command = new Command("copy", "Copy tables and rows from SOURCE to TARGET across engines, checking every value")
        {
            source, target, tables, exclude, schemaOnly, dataOnly, ifExists, onConflict, jobs, batchSize, rejects, dryRun, casts, notValid, online, resume, journal, verify, CommonOptions.Json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new CopyOptions
            {
                Tables = parse.GetValue(tables) ?? [],
                Exclude = parse.GetValue(exclude) ?? [],
                SchemaOnly = parse.GetValue(schemaOnly),
                DataOnly = parse.GetValue(dataOnly),
                IfExists = parse.GetValue(ifExists),
                OnConflict = parse.GetValue(onConflict),
                Jobs = parse.GetValue(jobs),
                BatchSize = parse.GetValue(batchSize),
                RejectsFile = parse.GetValue(rejects),
                DryRun = parse.GetValue(dryRun),
                Casts = parse.GetValue(casts) ?? [],
                ForeignKeysNotValid = parse.GetValue(notValid),
                Online = parse.GetValue(online),
                Resume = parse.GetValue(resume),
                JournalPath = parse.GetValue(journal),
            };
            var json = parse.GetValue(CommonOptions.Json);
            var (from, to) = CommonOptions.SourceAndTarget(parse, source, target);

            await using var sourceDb = await CommonOptions.OpenAsync(parse, from, AccessMode.ReadOnly, ct);
            // A second connection to an in-memory database would open another, empty one.
            Func<CancellationToken, Task<IDatabase>>? openSource = from.InMemory ? null : token => CommonOptions.OpenAsync(parse, from, AccessMode.ReadOnly, token);
            var plan = await CopyPlanner.PlanAsync(sourceDb, to.Engine, options, ct, openSource);
            if (options.DryRun)
            {
                CopyRenderer.Plan(plan, json);
                return ExitCodes.Ok;
            }
            await using var targetDb = await CommonOptions.OpenAsync(parse, to, AccessMode.ReadWrite, ct);
            Func<CancellationToken, Task<IDatabase>>? openTarget = to.InMemory ? null : token => CommonOptions.OpenAsync(parse, to, AccessMode.ReadWrite, token);
            var runner = (IProgress<CopyEvent>? progress) => new CopyRunner(sourceDb, targetDb, options, progress, openSource, openTarget).RunAsync(plan, ct);
            var report = json ? await runner(null) : await TerminalProgress.RunAsync(progress => runner(progress));
            // The copy's own tables, compared as ferry verify compares them: what was refused or left out shows as a difference.
            var verified = parse.GetValue(verify) && !options.SchemaOnly
                ? await new VerifyRunner(sourceDb, targetDb, new VerifyOptions { Level = VerifyLevel.Checksums, Tables = options.Tables, Exclude = options.Exclude }).RunAsync(ct, plan)
                : null;
            CopyRenderer.Report(from.Redacted, to.Redacted, report, json, verified);
            if (report.Problems.Count > 0) return ExitCodes.Failed;
            // Content decides, as --verify promises: the shape the copy could not make is in its warnings already.
            return verified is { SameContent: false } ? ExitCodes.Differs : ExitCodes.Ok;
        });
        return command;
    }
}

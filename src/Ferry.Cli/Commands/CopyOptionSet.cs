using System.CommandLine;
using Ferry.Copy;
using Ferry.Engines;

namespace Ferry.Cli.Commands;

/// <summary>The options of a copy, shared by <c>ferry copy</c> and <c>ferry restore</c> (a copy whose source is an archive).</summary>
/// <param name="verify">Whether --verify is offered: it compares by asking both sides, which an archive cannot answer.</param>
/// <param name="cast">Whether --cast is offered: a restore stays within one storage model, where no type is chosen again.</param>
internal sealed class CopyOptionSet(bool verify, bool cast)
{
    private readonly Option<string[]> _tables = CommonOptions.Tables();
    private readonly Option<string[]> _exclude = CommonOptions.Exclude();
    private readonly Option<bool> _schemaOnly = new("--schema-only") { Description = "Create the tables, keys and indexes; copy no rows" };
    private readonly Option<bool> _dataOnly = new("--data-only") { Description = "Copy rows into tables that already exist" };
    private readonly Option<IfExists> _ifExists = new("--if-exists") { Description = "A target table that exists: fail (default: fill it only if empty), truncate, append or drop", DefaultValueFactory = _ => IfExists.Fail };
    private readonly Option<OnConflict> _onConflict = new("--on-conflict") { Description = "Rows whose key the target already holds: fail (default), skip (counted), update", DefaultValueFactory = _ => OnConflict.Fail };
    private readonly Option<int> _jobs = new("--jobs") { Description = "Tables loaded in parallel, each on its own connections (PostgreSQL and MySQL targets)", DefaultValueFactory = _ => 1 };
    private readonly Option<int?> _batchSize = BatchSize();
    private readonly Option<string?> _rejects = new("--rejects") { Description = "Write refused rows to this file (JSON lines) and go on; without it the first refused row stops the copy" };
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Print the plan, the type evidence and every DDL statement; change nothing" };
    private readonly Option<string[]> _casts = new("--cast") { Description = "Override a column's type: table.column=type (e.g. Message.createdAt=timestamptz)" };
    private readonly Option<bool> _resume = new("--resume") { Description = "Finish a copy that was interrupted, from its journal: loaded tables are kept, the one in progress is redone" };
    private readonly Option<string?> _journal = new("--journal") { Description = "The checkpoint journal (default: ./.ferry/copy-<hash of source and target>.json)" };
    private readonly Option<bool> _verify = new("--verify") { Description = "After the copy, compare source and target by content checksums (as ferry verify --level checksums); exit 6 when they differ" };
    private readonly Option<bool> _online = new("--online") { Description = "PostgreSQL: build indexes with CREATE INDEX CONCURRENTLY, so a target in use keeps taking writes" };
    private readonly Option<bool> _notValid = new("--fk-not-valid") { Description = "PostgreSQL and MySQL: add foreign keys that copied rows break without checking those rows (NOT VALID) instead of leaving them out" };

    public void AddTo(Command command)
    {
        Option[] options = [_tables, _exclude, _schemaOnly, _dataOnly, _ifExists, _onConflict, _jobs, _batchSize, _rejects, _dryRun, _notValid, _online, _resume, _journal];
        foreach (var option in options) command.Options.Add(option);
        if (cast) command.Options.Add(_casts);
        if (verify) command.Options.Add(_verify);
        command.Options.Add(CommonOptions.Json);
    }

    public bool Verify(ParseResult parse) => verify && parse.GetValue(_verify);

    public CopyOptions Read(ParseResult parse) => new()
    {
        Tables = parse.GetValue(_tables) ?? [],
        Exclude = parse.GetValue(_exclude) ?? [],
        SchemaOnly = parse.GetValue(_schemaOnly),
        DataOnly = parse.GetValue(_dataOnly),
        IfExists = parse.GetValue(_ifExists),
        OnConflict = parse.GetValue(_onConflict),
        Jobs = parse.GetValue(_jobs),
        BatchSize = parse.GetValue(_batchSize),
        RejectsFile = parse.GetValue(_rejects),
        DryRun = parse.GetValue(_dryRun),
        Casts = cast ? parse.GetValue(_casts) ?? [] : [],
        ForeignKeysNotValid = parse.GetValue(_notValid),
        Online = parse.GetValue(_online),
        Resume = parse.GetValue(_resume),
        JournalPath = parse.GetValue(_journal),
    };

    private static Option<int?> BatchSize()
    {
        var option = new Option<int?>("--batch-size") { Description = "Rows read ahead and sent per request: a libSQL batch (default 1,000, each its own transaction), a MySQL LOAD DATA file (default 50,000); PostgreSQL and SQLite load a table in one COPY or transaction whatever it is" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1) result.AddError("--batch-size must be at least 1.");
        });
        return option;
    }
}

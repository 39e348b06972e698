using Ferry.Connections;
using Ferry.Engines;
using Ferry.Schema;

namespace Ferry.Ddl;

/// <summary>
/// Turns the target tables of a copy into its one ordered list of DDL steps: tables, then (after the
/// load) every table's keys before any foreign key, checks, indexes, foreign keys, functions, views, triggers,
/// identity resets and statistics. Text only, no connection: --dry-run prints this list, the copy runs it.
/// </summary>
public static class DdlPlanner
{
    /// <param name="highWater">The source's last handed-out key per table: a generated key never hands it out again.</param>
    /// <param name="within">
    /// Within PostgreSQL: the source's objects that are not tables, already narrowed to the copied tables — extensions
    /// and the types the tables are declared with (made before them), functions (after the load, before the views
    /// and triggers that call them), row-level security, policies and comments (last).
    /// </param>
    /// <param name="sequences">Within PostgreSQL: the source's identity sequences by table and column, whose state the target's take over.</param>
    /// <param name="online">PostgreSQL: build indexes with CREATE INDEX CONCURRENTLY, so a live target's writers are not blocked.</param>
    public static IReadOnlyList<DdlStep> Steps(IReadOnlyList<Table> tables, EngineKind target, IReadOnlyList<View> views,
        IReadOnlyList<Trigger> triggers, IReadOnlyDictionary<string, long> highWater,
        DatabaseSchema? within = null, IReadOnlyDictionary<(string Table, string Column), Sequence>? sequences = null, bool online = false)
    {
        var ddl = DdlWriters.For(target);
        var steps = new List<DdlStep>();
        var types = within?.Types ?? [];
        var functions = within?.Functions ?? [];
        var extensions = within?.Extensions ?? [];
        // Each schema an object keeps (within PostgreSQL) is made first; public is the target's own.
        var schemas = tables.Select(t => t.Schema).Concat(types.Select(t => t.Schema)).Concat(views.Select(v => v.Schema))
            .Concat(functions.Select(f => f.Schema)).Concat(extensions.Select(e => e.Schema))
            .Concat((within?.Sequences ?? []).Where(q => q.OwnedByTable is null).Select(q => q.Schema)).OfType<string>()
            .Where(s => s is not ("public" or "pg_catalog")).Distinct().Order(StringComparer.Ordinal);
        foreach (var schema in schemas)
            if (ddl.CreateSchema(schema) is { } create)
                steps.Add(new DdlStep { Kind = StepKind.CreateSchema, Table = schema, Object = $"schema {schema}", Sql = create, OnFailure = StepFailure.Problem, Subject = schema });
        // An extension the target server does not have is refused, and costs the tables declared with its types
        // (their CREATE TABLE fails after it), not the copy.
        foreach (var extension in extensions)
            if (ddl.CreateExtension(extension) is { } create)
                steps.Add(new DdlStep { Kind = StepKind.CreateExtension, Table = extension.Name, Object = $"extension {extension.Name}", Sql = create, OnFailure = StepFailure.Problem, Subject = extension });
        foreach (var type in types)
            if (ddl.CreateType(type) is { } create)
                steps.Add(new DdlStep { Kind = StepKind.CreateType, Table = type.Name, Object = TypeText(type), Sql = create, OnFailure = StepFailure.Problem, Subject = type });
        // A sequence no column owns is the application's own counter, which a default's nextval may name.
        foreach (var sequence in (within?.Sequences ?? []).Where(q => q.OwnedByTable is null))
            if (ddl.CreateSequence(sequence) is { } create)
                steps.Add(new DdlStep { Kind = StepKind.CreateSequence, Table = $"{sequence.Schema}.{sequence.Name}", Object = $"sequence {sequence.Schema}.{sequence.Name}", Sql = create, OnFailure = StepFailure.Problem, Subject = sequence });
        // Functions before the tables, as pg_dump makes them, so a default, a generated column or a check that calls one
        // is accepted; with their bodies unchecked, so one that reads a table not yet made is too. Only a function whose
        // signature names a table's row type waits for the tables.
        foreach (var function in functions.Where(f => !f.NeedsTables))
            steps.Add(CreateFunction(function) with { BeforeTables = true, Sql = "SET check_function_bodies = off;\n" + function.Definition });
        foreach (var table in tables) steps.Add(CreateTable(ddl, table));
        foreach (var table in tables)
        {
            if (ddl.AddPrimaryKey(table) is { } key)
                steps.Add(Step(StepKind.AddPrimaryKey, table, $"primary key ({string.Join(", ", table.PrimaryKey!.Columns)})", key, StepFailure.Problem, table.PrimaryKey));
            if (ddl.ConstraintsInCreateTable || WholeDefinition(ddl, table)) continue;
            foreach (var unique in table.Uniques)
                steps.Add(Step(StepKind.AddUnique, table, $"unique key ({string.Join(", ", unique.Columns)})", ddl.AddUnique(table, unique), StepFailure.Problem, unique));
        }
        foreach (var table in tables)
        {
            if (!ddl.ConstraintsInCreateTable && !WholeDefinition(ddl, table))
                foreach (var check in table.Checks)
                    steps.Add(Step(StepKind.AddCheck, table, $"check ({check.Expression})", ddl.AddCheck(table, check), StepFailure.Warning, check));
            foreach (var index in WholeDefinition(ddl, table) ? [] : table.Indexes)
                steps.Add(Step(StepKind.CreateIndex, table, $"{(index.Unique ? "unique index" : "index")} {index.Name}", ddl.CreateIndex(table, index, online),
                    index.Unique ? StepFailure.Problem : StepFailure.Warning, index));
        }
        // Every table's foreign keys after every table's indexes: the checks and indexes before them are one run of
        // steps a target may build side by side (StepKinds.SideBySideGroup).
        foreach (var table in tables)
        {
            if (ddl.ConstraintsInCreateTable) continue;
            foreach (var fk in table.ForeignKeys)
                steps.Add(Step(StepKind.AddForeignKey, table, $"foreign key {ForeignKeyText(table, fk)}", ddl.AddForeignKey(table, fk, notValid: false), StepFailure.Problem, fk)
                    with { Needs = [fk.ReferencedTable] });
        }
        // Functions, views and triggers are the source's own whole statements, taken as written. One the target
        // refuses is a problem (the application misses it), and what calls or reads it is skipped, not sent.
        foreach (var function in functions.Where(f => f.NeedsTables))
            steps.Add(CreateFunction(function));
        foreach (var view in views)
        {
            steps.Add(new DdlStep { Kind = StepKind.CreateView, Table = view.Name, Object = $"{(view.Materialized ? "materialized view" : "view")} {view.QualifiedName}", Sql = view.Definition, OnFailure = StepFailure.Problem, Subject = view, Needs = view.Reads });
            foreach (var index in view.Indexes)
                steps.Add(new DdlStep { Kind = StepKind.CreateViewIndex, Table = view.Name, Object = $"index {index.Name} on {view.QualifiedName}", Sql = index.Definition, OnFailure = StepFailure.Warning, Subject = index, Needs = [view.Name] });
        }
        foreach (var trigger in triggers)
            steps.Add(new DdlStep { Kind = StepKind.CreateTrigger, Table = trigger.Table, Object = $"trigger {trigger.Name}", Sql = trigger.Definition, OnFailure = StepFailure.Problem, Subject = trigger, Needs = trigger.Function is { } f ? [f] : [] });
        // Row-level security goes on after the load (the copy's own writes are not filtered) and before the policies;
        // a policy for a role the target does not have is refused and reported with its statement.
        foreach (var secured in within?.RowSecurity ?? [])
            if (ddl.EnableRowSecurity(tables.First(t => t.Name == secured.Table), secured.Forced) is { } enable)
                steps.Add(new DdlStep { Kind = StepKind.EnableRowSecurity, Table = secured.Table, Object = $"row-level security{(secured.Forced ? " (forced)" : "")}", Sql = enable, OnFailure = StepFailure.Problem, Subject = secured });
        foreach (var policy in within?.Policies ?? [])
            steps.Add(new DdlStep { Kind = StepKind.CreatePolicy, Table = policy.Table, Object = $"policy {policy.Name}", Sql = policy.Definition, OnFailure = StepFailure.Problem, Subject = policy });
        foreach (var comment in within?.Comments ?? [])
            steps.Add(new DdlStep { Kind = StepKind.Comment, Table = comment.Table, Object = comment.Object, Sql = comment.Definition, OnFailure = StepFailure.Warning, Subject = comment });
        foreach (var table in tables)
            foreach (var column in table.Columns)
                if (((sequences?.GetValueOrDefault((table.Name, column.Name)) is { } sequence ? ddl.RestoreSequence(table, column, sequence) : null)
                    ?? ddl.ResetIdentity(table, column, highWater.GetValueOrDefault(table.Name))) is { } reset)
                    steps.Add(Step(StepKind.ResetIdentity, table, $"identity {column.Name}", reset, StepFailure.Problem, column));
        // sqld refuses ANALYZE over HTTP ("unsupported statement"); its planner does without statistics.
        if (target != EngineKind.Libsql)
            foreach (var table in tables) steps.Add(Step(StepKind.Analyze, table, "statistics", ddl.Analyze(table), StepFailure.Warning, null));
        return steps;
    }

    /// <summary>
    /// A table taken as written where the engine's CREATE TABLE holds its keys, checks and indexes too
    /// (MySQL's SHOW CREATE TABLE): only its foreign keys are added after the load, when every table is there.
    /// </summary>
    private static bool WholeDefinition(IDdlWriter ddl, Table table) => table.Definition is not null && !ddl.ConstraintsInCreateTable;

    private static string TypeText(UserType type) => type.Kind switch
    {
        UserTypeKind.Enum => $"enum {type.Name}",
        _ => $"domain {type.Name}",
    };

    /// <summary>"Conversation (userId) → User", as reports name a foreign key.</summary>
    public static string ForeignKeyText(Table table, ForeignKey fk) => $"{table.Name} ({string.Join(", ", fk.Columns)}) → {fk.ReferencedTable}";

    /// <summary>
    /// CREATE TABLE; where the engine can only declare checks in it (SQLite), the same table without them
    /// is the fallback: a check written in another dialect may not parse there, and it costs the check, not the table.
    /// </summary>
    private static DdlStep CreateTable(IDdlWriter ddl, Table table)
    {
        var step = Step(StepKind.CreateTable, table, $"table {table.Name}", ddl.CreateTable(table), StepFailure.SkipTable, table);
        if (!ddl.ConstraintsInCreateTable) return step;
        // Its foreign keys are in the statement: a referenced table the target refused changes it (see the runner).
        step = step with { Needs = table.ForeignKeys.Select(f => f.ReferencedTable).Where(t => t != table.Name).Distinct().ToList() };
        // A table taken as the source wrote it (SQLite to SQLite) parses as it did there.
        if (table.Checks.Count == 0 || table.Definition is not null) return step;
        var without = table with { Checks = [], Definition = null };
        return step with { Fallback = Step(StepKind.CreateTable, table, $"table {table.Name} without its checks {string.Join("; ", table.Checks.Select(c => c.Expression))}", ddl.CreateTable(without), StepFailure.SkipTable, without) };
    }

    private static DdlStep CreateFunction(Function function) =>
        new() { Kind = StepKind.CreateFunction, Table = function.QualifiedName, Object = $"function {function.QualifiedName}", Sql = function.Definition, OnFailure = StepFailure.Problem, Subject = function };

    private static DdlStep Step(StepKind kind, Table table, string what, string sql, StepFailure onFailure, object? subject) =>
        new() { Kind = kind, Table = table.Name, Object = what, Sql = sql, OnFailure = onFailure, Subject = subject };
}

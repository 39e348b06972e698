using System.Text;
using Ferry.Connections;
using Ferry.Ddl;
using Ferry.Engines;
using Ferry.Engines.Sqlite;
using Ferry.Errors;
using Ferry.Schema;
using Ferry.Values;

namespace Ferry.Copy;

/// <summary>
/// Decides the whole copy before anything is written: which tables, in which order, with which
/// target types (from the data where SQLite's declarations cannot be trusted), defaults and keys —
/// and what the target cannot express, said up front.
/// </summary>
public static class CopyPlanner
{
    /// <param name="openSource">More read-only connections to the source, so large tables are profiled on every core; one connection without it.</param>
    /// <param name="sourceShape">For an incremental copy, the source's schema as the caller has just read it without counts.</param>
    public static async Task<CopyPlan> PlanAsync(IDatabase source, EngineKind targetEngine, CopyOptions options, CancellationToken ct,
        Func<CancellationToken, Task<IDatabase>>? openSource = null, DatabaseSchema? sourceShape = null)
    {
        var schema = options.Incremental
            ? sourceShape ?? await source.ReadShapeAsync(ct).ConfigureAwait(false)
            : await source.ReadSchemaWithoutSizesAsync(ct).ConfigureAwait(false);
        // Into the same engine views, triggers and functions are created from their own CREATE text, read only then.
        if (SameStorageModel(source.Target.Engine, targetEngine)) schema = await source.WithObjectDefinitionsAsync(schema, ct).ConfigureAwait(false);
        var selected = new TableSelection(options.Tables, options.Exclude).Apply(schema.Tables);
        // Into the same engine each table is created from its own CREATE text, fetched only then.
        if (SameStorageModel(source.Target.Engine, targetEngine))
        {
            var written = new List<Table>();
            foreach (var table in selected) written.Add(await source.WithDefinitionAsync(table, ct).ConfigureAwait(false));
            selected = written;
        }
        // A filtered table's rows are a window of unknown size: nothing is split or estimated by its count.
        selected = selected.Select(t => options.Filters.TryGetValue(t.Name, out var filter) ? t with { Filter = filter, RowCount = null } : t).ToList();
        var order = LoadOrder.Of(selected);
        var casts = options.Casts.Select(CastOverride.Parse).Concat(options.Types).ToList();
        var warnings = new List<string>();
        var ddl = DdlWriters.For(targetEngine);
        var same = DdlWriters.SameDialect(source.Target.Engine, targetEngine);
        var names = selected.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        // Within one storage model a table is created as the source declares it and its values carried as stored:
        // a cast would be ignored, which the user must hear rather than find out.
        if (options.Casts.Count > 0 && SameStorageModel(source.Target.Engine, targetEngine))
            throw new FerryException(FerryErrorKind.Usage,
                $"--cast does not apply to a copy from {source.Target.Engine.Display()} into {targetEngine.Display()}, which creates every column as the source declares it; change a type after the copy with ALTER TABLE.");
        foreach (var cast in casts)
            if (selected.FirstOrDefault(t => t.Name == cast.Table)?.FindColumn(cast.Column) is null)
                throw new FerryException(FerryErrorKind.Usage, $"--cast names {cast.Table}.{cast.Column}, which is not a column of a copied table.");

        // SQLite's declared types are hints: the values decide, so they are profiled first (not within one dialect).
        var profiles = ChoosesTypesFromValues(source.Target.Engine, targetEngine)
            ? await SqliteProfiler.ProfileAsync(source, order.Tables, openSource, ct).ConfigureAwait(false)
            : null;
        // Within PostgreSQL a column keeps its identity sequence's options and state.
        var postgres = BothPostgres(source.Target.Engine, targetEngine);
        var sequences = postgres
            ? schema.Sequences.Where(q => q.OwnedByTable is not null && q.OwnedByColumn is not null)
                .GroupBy(q => (q.OwnedByTable!, q.OwnedByColumn!)).ToDictionary(g => g.Key, g => g.First())
            : [];
        var chosen = profiles is null ? null : await ChooseAsync(source, order.Tables, profiles, casts, targetEngine, ct).ConfigureAwait(false);
        var tables = order.Tables.Select((table, i) => PlanTable(table, profiles?[i], chosen?[i], casts, source.Target.Engine, targetEngine, ddl, same, names, warnings, sequences)).ToList();

        foreach (var cycle in order.Cycles)
            warnings.Add($"Tables {string.Join(", ", cycle)} reference each other in a ring; their foreign keys are created after the load.");
        var (views, triggers) = SameStorageModel(source.Target.Engine, targetEngine) ? Carried(schema, names, warnings) : ([], []);
        if (schema.Views.Count > 0 && !SameStorageModel(source.Target.Engine, targetEngine))
            warnings.Add($"Views are not copied across dialects: {string.Join(", ", schema.Views.Select(v => v.Name))}.");
        if (schema.Triggers.Count > 0 && !SameStorageModel(source.Target.Engine, targetEngine))
            warnings.Add($"Triggers are not copied across dialects: {string.Join(", ", schema.Triggers.Select(t => $"{t.Name} on {t.Table}"))}.");

        var highWater = schema.Sequences.Where(q => q.OwnedByTable is not null && q.LastValue is not null)
            .GroupBy(q => q.OwnedByTable!).ToDictionary(g => g.Key, g => g.Max(q => q.LastValue!.Value));
        var targets = tables.Select(t => t.Target).ToList();
        return new CopyPlan
        {
            SourceEngine = source.Target.Engine,
            TargetEngine = targetEngine,
            Tables = tables,
            Warnings = warnings,
            Cycles = order.Cycles,
            // Within one storage model views, triggers and functions are whole statements, taken as written.
            Steps = NameRefusals.Apply(DdlPlanner.Steps(targets, targetEngine, views, triggers, highWater,
                postgres ? WithinPostgres(schema, names, views, warnings) : null, postgres ? sequences : null, options.Online),
                targets, targetEngine),
        };
    }

    /// <summary>SQLite's declared types are hints: into another dialect, the values decide each column's type.</summary>
    public static bool ChoosesTypesFromValues(EngineKind source, EngineKind target) =>
        !DdlWriters.SameDialect(source, target) && source is EngineKind.Sqlite or EngineKind.Libsql;

    /// <summary>
    /// Each profiled column's type: the chooser's (or the user's --cast), then settled by counting the values its
    /// conversion would refuse (<see cref="RoundTripCensus"/>).
    /// </summary>
    private static async Task<List<List<TypeChoice>>> ChooseAsync(IDatabase source, IReadOnlyList<Table> tables, IReadOnlyList<IReadOnlyList<ColumnProfile>> profiles,
        List<CastOverride> casts, EngineKind targetEngine, CancellationToken ct)
    {
        var chosen = new List<List<TypeChoice>>();
        for (var t = 0; t < tables.Count; t++)
        {
            var table = tables[t];
            var cast = table.Columns.Select(column => Cast(casts, table, column)).ToList();
            var profile = profiles[t];
            var choices = table.Columns.Select((column, c) => TypeChooser.ForSqlite(column, profile[c]) is var choice && cast[c] is { } over ? over.Apply(choice, profile[c]) : choice).ToList();
            chosen.Add(await RoundTripCensus.SettleAsync(source, table, profiles[t], choices, cast.Select(c => c is not null).ToList(), targetEngine, ct).ConfigureAwait(false));
        }
        return chosen;
    }

    private static CastOverride? Cast(List<CastOverride> casts, Table table, Column column) =>
        casts.FirstOrDefault(c => c.Table == table.Name && c.Column == column.Name);

    private static TablePlan PlanTable(Table table, IReadOnlyList<ColumnProfile>? profiles, IReadOnlyList<TypeChoice>? chosen, List<CastOverride> casts, EngineKind sourceEngine,
        EngineKind targetEngine, IDdlWriter ddl, bool same, HashSet<string> selected, List<string> warnings,
        IReadOnlyDictionary<(string, string), Sequence> sequences)
    {
        var read = new List<Column>();
        var written = new List<Column>();
        var choices = new List<TypeChoice>();
        var target = new List<Column>();
        var mySqlAuto = targetEngine == EngineKind.MySql && !same ? OneAutoIncrement(table) : null;
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            var choice = chosen?[i] ?? (SameStorageModel(sourceEngine, targetEngine) ? TypeChooser.Verbatim(column) : TypeChooser.Declared(column));
            if (chosen is null && Cast(casts, table, column) is { } cast) choice = cast.Apply(choice, null);

            // Only SQLite's rowid is not an integer type of its own; elsewhere a generated key must be an integer.
            var identity = column.Identity != Identity.None && (targetEngine is EngineKind.Sqlite or EngineKind.Libsql || choice.Type is NeutralType.Int16 or NeutralType.Int32 or NeutralType.Int64);
            if (identity && mySqlAuto is not null && column.Name != mySqlAuto)
            {
                identity = false;
                warnings.Add($"{table.Name}.{column.Name} is an identity in the source; MySQL allows one AUTO_INCREMENT column a table ({mySqlAuto}), so it gets its values as a plain column.");
            }
            var generated = same ? column.GeneratedExpression : null;
            if (column.GeneratedExpression is not null && !same)
                warnings.Add($"{table.Name}.{column.Name} is generated in the source (AS {column.GeneratedExpression}); the target gets its values as a plain column.");

            // Within one dialect a default is kept as written: what it calls (PostgreSQL functions, sequences no column owns) is made before the table.
            var defaultSql = same ? column.Default : TargetDefault.For(table, column, choice, sourceEngine, targetEngine, ddl, warnings);
            var declared = same ? column.DeclaredType : ddl.TypeName(choice, identity);
            if (BothPostgres(sourceEngine, targetEngine) && identity)
            {
                declared = PostgresIdentity(table, column, sequences.GetValueOrDefault((table.Name, column.Name)), warnings);
                if (column.Identity == Identity.Serial) defaultSql = null;
            }

            var targetColumn = new Column
            {
                Name = column.Name,
                DeclaredType = declared,
                Type = choice.Type,
                Length = choice.Length,
                Precision = choice.Precision,
                Scale = choice.Scale,
                Nullable = column.Nullable,
                Default = identity && !same ? null : defaultSql,
                GeneratedExpression = generated,
                GeneratedStored = column.GeneratedStored,
                Collation = same ? column.Collation : null,
                Identity = identity ? TargetIdentity(column, table, targetEngine) : Identity.None,
            };
            target.Add(targetColumn);
            if (generated is not null) continue; // the target computes it
            read.Add(column);
            written.Add(targetColumn);
            choices.Add(choice);
        }
        // One sentence per table and collation: a MySQL table declares it on every text column.
        if (!same)
            foreach (var collation in table.Columns.Where(c => c.Collation is not null).GroupBy(c => c.Collation!, StringComparer.Ordinal))
                warnings.Add(collation.Count() == 1
                    ? $"{table.Name}.{collation.First().Name} uses collation {collation.Key}, which is not carried to {targetEngine.Display()}: comparisons there follow the target's default."
                    : $"{table.Name}: columns {string.Join(", ", collation.Select(c => c.Name))} use collation {collation.Key}, which is not carried to {targetEngine.Display()}: comparisons there follow the target's default.");

        var foreignKeys = table.ForeignKeys.Where(f => selected.Contains(f.ReferencedTable)).ToList();
        foreach (var skipped in table.ForeignKeys.Except(foreignKeys))
            warnings.Add($"{table.Name} references {skipped.ReferencedTable}, which is not copied; that foreign key is left out.");
        var indexes = table.Indexes.Where(i => !i.BacksConstraint).ToList();
        foreach (var index in indexes.Where(i => i.HasExpressions && i.KeyExpression is null))
            warnings.Add($"Index {index.Name} on {table.Name} has expressions Ferry cannot read back; it is left out.");
        if (targetEngine == EngineKind.MySql && !same) indexes = LeaveOutForMySql(table, indexes, warnings);

        // SQLite lets a non-integer primary key hold NULL (drizzle's `id SERIAL PRIMARY KEY` always does);
        // no other engine can. The rows matter more than the constraint: keep them, drop the key, say so.
        var primaryKey = table.PrimaryKey;
        // MySQL calls every primary key PRIMARY; elsewhere that would be one name for many keys.
        if (!same && sourceEngine == EngineKind.MySql && primaryKey is not null) primaryKey = primaryKey with { Name = null };
        if (!same && primaryKey is not null && profiles is not null
            && primaryKey.Columns.Select(k => IndexOf(table, k)).Any(i => i >= 0 && profiles[i].Nulls > 0))
        {
            var nulls = primaryKey.Columns.Select(k => profiles[IndexOf(table, k)].Nulls).Max();
            warnings.Add($"The primary key ({string.Join(", ", primaryKey.Columns)}) of {table.Name} holds {nulls:N0} NULLs, which SQLite allows and {targetEngine.Display()} does not; the rows are copied and the table gets no primary key.");
            primaryKey = null;
            for (var i = 0; i < target.Count; i++)
                if (target[i].Identity != Identity.None) target[i] = target[i] with { Identity = Identity.None, DeclaredType = ddl.TypeName(choices[read.FindIndex(c => c.Name == target[i].Name)], false) };
            written = target.Where(c => c.GeneratedExpression is null).ToList();
        }

        var targetTable = table with
        {
            // Within PostgreSQL each table stays in its own schema; elsewhere it lands in the target's default one.
            Schema = BothPostgres(sourceEngine, targetEngine) ? table.Schema : null,
            PrimaryKey = primaryKey,
            Columns = target,
            ForeignKeys = foreignKeys,
            Indexes = indexes.Where(i => !i.HasExpressions || i.KeyExpression is not null).ToList(),
            RowCount = null,
            SizeBytes = null,
            WithoutRowId = same && table.WithoutRowId,
            // As written when nothing of it is left out; a foreign key to a table not copied is.
            // MySQL's is written without foreign keys (they are added after the load), so leaving one out changes nothing of it.
            Definition = SameStorageModel(sourceEngine, targetEngine) && (targetEngine == EngineKind.MySql || foreignKeys.Count == table.ForeignKeys.Count) ? table.Definition : null,
            Checks = ddl.ConstraintsInCreateTable ? table.Checks : NameChecks(table),
        };
        var key = primaryKey?.Columns ?? table.Uniques.FirstOrDefault()?.Columns ?? [];
        return new TablePlan
        {
            Source = table with { Columns = read },
            Target = targetTable,
            Written = targetTable with { Columns = written },
            Choices = choices,
            KeyColumns = key.Select(k => read.FindIndex(c => c.Name == k)).Where(i => i >= 0).ToList(),
        };
    }

    /// <summary>
    /// The views and triggers a copy within one storage model carries: all but those on a table left out of
    /// the copy (--tables, --exclude), which are said in the plan. A view over a view left out is left out too.
    /// </summary>
    private static (List<View> Views, List<Trigger> Triggers) Carried(DatabaseSchema schema, HashSet<string> copied, List<string> warnings)
    {
        var notCopied = schema.Tables.Select(t => t.Name).Where(n => !copied.Contains(n)).ToHashSet(StringComparer.Ordinal);
        var views = new List<View>();
        // In dependency order, so a view's reads are decided before it, and created before it.
        foreach (var view in ViewOrder.Of(schema.Views))
        {
            if (view.Reads.FirstOrDefault(notCopied.Contains) is { } missing)
            {
                notCopied.Add(view.Name);
                warnings.Add($"The view {view.QualifiedName} reads {missing}, which is not copied; it is left out.");
            }
            else views.Add(view);
        }
        var triggers = new List<Trigger>();
        foreach (var trigger in schema.Triggers)
            if (notCopied.Contains(trigger.Table)) warnings.Add($"The trigger {trigger.Name} is on {trigger.Table}, which is not copied; it is left out.");
            else triggers.Add(trigger);
        return (views, triggers);
    }

    /// <summary>
    /// PostgreSQL to PostgreSQL: the source's objects besides tables, views and triggers that the copy carries —
    /// row-level security, policies and comments only for what is copied — and a warning naming what it does not.
    /// </summary>
    private static DatabaseSchema WithinPostgres(DatabaseSchema schema, HashSet<string> copied, List<View> views, List<string> warnings)
    {
        var described = copied.Concat(views.Select(v => v.Name)).Concat(schema.Functions.Select(f => f.QualifiedName))
            .Concat(schema.Types.Select(t => t.Name)).Concat(schema.Schemas).ToHashSet(StringComparer.Ordinal);
        if (schema.NotCarried.Count > 0)
            warnings.Add($"Not carried into the target (make them there by hand if it needs them): {string.Join("; ", schema.NotCarried)}.");
        return schema with
        {
            RowSecurity = schema.RowSecurity.Where(r => copied.Contains(r.Table)).ToList(),
            Policies = schema.Policies.Where(p => copied.Contains(p.Table)).ToList(),
            Comments = schema.Comments.Where(c => described.Contains(c.Table)).ToList(),
        };
    }

    /// <summary>PostgreSQL to PostgreSQL: every column keeps its declared type, so every value is carried as stored.</summary>
    private static bool BothPostgres(EngineKind source, EngineKind target) => source == EngineKind.Postgres && target == EngineKind.Postgres;

    /// <summary>
    /// The column's type with its identity as the source declared it, with its sequence's options. A serial's
    /// default reads a sequence the target does not have: it becomes an identity BY DEFAULT, which takes the
    /// same inserts and hands out the same keys, and the plan says so.
    /// </summary>
    private static string PostgresIdentity(Table table, Column column, Sequence? sequence, List<string> warnings)
    {
        var options = sequence?.Options is { } o ? $" ({o})" : "";
        if (column.Identity == Identity.Serial)
            warnings.Add($"{table.Name}.{column.Name} is a serial in the source (DEFAULT {column.Default}); the target declares it GENERATED BY DEFAULT AS IDENTITY, which hands out the same keys.");
        return column.Identity == Identity.IdentityAlways
            ? $"{column.DeclaredType} GENERATED ALWAYS AS IDENTITY{options}"
            : $"{column.DeclaredType} GENERATED BY DEFAULT AS IDENTITY{options}";
    }

    /// <summary>
    /// SQLite and libSQL store values alike, and so does each server engine with itself: a copy between
    /// them carries each value as stored and each table as written.
    /// </summary>
    /// <summary>Engines that keep values alike: SQLite and libSQL, or one engine on both sides.</summary>
    public static bool SameStorageModel(EngineKind source, EngineKind target) => SqliteFamily(source, target) || source == target;

    /// <summary>SQLite and libSQL keep whole CREATE VIEW and CREATE TRIGGER statements, which either runs as written.</summary>
    private static bool SqliteFamily(EngineKind source, EngineKind target) =>
        source is EngineKind.Sqlite or EngineKind.Libsql && target is EngineKind.Sqlite or EngineKind.Libsql;

    /// <summary>
    /// MySQL has no partial indexes: a UNIQUE one without its WHERE would refuse rows the source allows.
    /// An expression written in another dialect means something else there ("x" is a string, not a column).
    /// </summary>
    private static List<Schema.Index> LeaveOutForMySql(Table table, List<Schema.Index> indexes, List<string> warnings)
    {
        foreach (var index in indexes.Where(i => i.Unique && i.Predicate is not null))
            warnings.Add($"Unique index {index.Name} on {table.Name} is partial (WHERE {index.Predicate}), which MySQL cannot express; it is left out.");
        foreach (var index in indexes.Where(i => i.HasExpressions))
            warnings.Add($"Index {index.Name} on {table.Name} indexes expressions written in another dialect; it is left out.");
        return indexes.Where(i => !(i.Unique && i.Predicate is not null) && !i.HasExpressions).ToList();
    }

    /// <summary>The identity column MySQL's one AUTO_INCREMENT goes to: the primary key's where it has one, else the first.</summary>
    private static string? OneAutoIncrement(Table table) =>
        table.Columns.Where(c => c.Identity != Identity.None).OrderBy(c => table.PrimaryKey?.Columns.Contains(c.Name) == true ? 0 : 1).FirstOrDefault()?.Name;

    private static int IndexOf(Table table, string column)
    {
        for (var i = 0; i < table.Columns.Count; i++) if (table.Columns[i].Name == column) return i;
        return -1;
    }

    /// <summary>
    /// A generated key keeps generating on the target. Into SQLite that means the rowid, which only a
    /// lone INTEGER PRIMARY KEY can be; AUTOINCREMENT where the source never reused keys.
    /// </summary>
    private static Identity TargetIdentity(Column column, Table table, EngineKind target)
    {
        if (target is not (EngineKind.Sqlite or EngineKind.Libsql)) return column.Identity;
        if (column.Identity is Identity.RowId or Identity.AutoIncrement) return column.Identity;
        return table.PrimaryKey?.Columns is [var only] && only == column.Name ? Identity.AutoIncrement : Identity.None;
    }

    /// <summary>
    /// Names the checks the source left unnamed (SQLite's usually are), after PostgreSQL's own pattern:
    /// table_check, table_check1, … Checks are added after the load, and a resumed copy must tell the
    /// ones already there by name: the server rewrites their text, so it cannot tell them by expression.
    /// </summary>
    private static List<CheckConstraint> NameChecks(Table table)
    {
        var used = table.Checks.Where(c => c.Name is not null).Select(c => c.Name!).ToHashSet(StringComparer.Ordinal);
        var next = 0;
        string Fresh()
        {
            while (true)
            {
                var suffix = next == 0 ? "_check" : $"_check{next}";
                next++;
                var name = Cut(table.Name, TargetNames.PostgresBytes - suffix.Length) + suffix;
                if (used.Add(name)) return name;
            }
        }
        return table.Checks.Select(c => c.Name is null ? c with { Name = Fresh() } : c).ToList();
    }

    /// <summary>The first <paramref name="bytes"/> bytes of <paramref name="name"/> in UTF-8, never splitting a character.</summary>
    private static string Cut(string name, int bytes)
    {
        var utf8 = Encoding.UTF8.GetBytes(name);
        if (utf8.Length <= bytes) return name;
        var length = bytes;
        while (length > 0 && (utf8[length] & 0xC0) == 0x80) length--;
        return Encoding.UTF8.GetString(utf8, 0, length);
    }
}

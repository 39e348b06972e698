using System.Globalization;
using Ferry.Connections;
using Ferry.Engines;
using Ferry.Errors;
using Ferry.Schema;

namespace Ferry.Migrations.Lint;

/// <summary>
/// Flags the risky changes in migrations before they run, statement by statement, and asks the live
/// database where a rule depends on it: the column's type today (to tell a narrowing), whether the table
/// holds rows (a NOT NULL column without a default), and, on PostgreSQL, how many (an index built without
/// CONCURRENTLY). Only reads.
/// </summary>
public sealed class MigrationLinter(IDatabase database, LintOptions options)
{
    private readonly Dictionary<Table, bool> _holdsRows = [];

    public async Task<IReadOnlyList<LintFinding>> LintAsync(IReadOnlyList<Migration> migrations, CancellationToken ct)
    {
        if (migrations.Count == 0) return [];
        var schema = await database.ReadShapeAsync(ct).ConfigureAwait(false);
        var flavor = SqlScript.FlavorOf(database.Target.Engine);
        var findings = new List<LintFinding>();
        foreach (var migration in migrations)
        {
            var changes = migration.Statements
                .SelectMany((statement, i) => StatementReader.Read(statement, flavor).Select(change => (Statement: i + 1, Change: change)))
                .ToList();
            var others = changes.Select(c => c.Change).ToList();
            foreach (var (statement, change) in changes)
            {
                if (await WeighAsync(change, others, schema, ct).ConfigureAwait(false) is { } found)
                    findings.Add(new LintFinding(migration.File, statement, found.Rule, found.Message, migration.Allowed.Contains(found.Rule)));
            }
        }
        return findings;
    }

    /// <summary>
    /// What <c>up</c> runs before applying anything: lints what it is about to apply and refuses, naming each
    /// unacknowledged finding, so a destructive file runs only once its author has said it is meant.
    /// </summary>
    public static Func<IReadOnlyList<Migration>, CancellationToken, Task> Guard(IDatabase database, LintOptions options) => async (migrations, ct) =>
    {
        var open = (await new MigrationLinter(database, options).LintAsync(migrations, ct).ConfigureAwait(false)).Where(f => !f.Acknowledged).ToList();
        if (open.Count > 0)
            throw new FerryException(FerryErrorKind.Failed,
                $"Nothing was applied: {string.Join("; ", open.Select(f => f.Sentence))}. Once the change is meant, say so at the top of its file " +
                $"({string.Join(", ", open.Select(f => $"-- ferry:allow {f.Rule}").Distinct())}).");
    };

    private async Task<(string Rule, string Message)?> WeighAsync(SchemaChange change, List<SchemaChange> others, DatabaseSchema schema, CancellationToken ct)
    {
        var table = Find(schema, change.Table);
        switch (change)
        {
            case DropTable drop:
                // drizzle-kit's SQLite rebuild: the new table takes the old one's name in the same migration.
                if (others.OfType<RenameTable>().Any(r => string.Equals(r.To, drop.Table.Name, StringComparison.OrdinalIgnoreCase))) return null;
                var names = table?.Columns.Select(c => c.Name.ToLowerInvariant()).Order().ToList();
                if (names is { Count: > 0 } && others.OfType<CreateTable>().FirstOrDefault(c => !c.Table.Same(drop.Table)
                        && c.Columns.Select(x => x.Name.ToLowerInvariant()).Order().SequenceEqual(names)) is { } created)
                    return (LintRules.RenameAsDropAdd, $"drops table {drop.Table} and creates {created.Table} with the same columns: if this is a rename, every row is lost, where ALTER TABLE … RENAME TO keeps them");
                return (LintRules.DropTable, $"drops table {drop.Table} and every row in it");
            case DropColumn drop:
                var old = Column(table, drop.Column);
                if (old is not null && others.OfType<AddColumn>().FirstOrDefault(a => a.Table.Same(drop.Table)
                        && !a.Column.Equals(drop.Column, StringComparison.OrdinalIgnoreCase) && SameType(old.DeclaredType, a.Type)) is { } added)
                    return (LintRules.RenameAsDropAdd, $"drops column {drop.Table}.{drop.Column} and adds {added.Column} of the same type: if this is a rename, every value is lost, where RENAME COLUMN keeps them");
                return (LintRules.DropColumn, $"drops column {drop.Table}.{drop.Column} and every value in it");
            case ChangeType retype when Column(table, retype.Column) is { } column && TypeWidth.Narrows(column.DeclaredType, retype.Type):
                return (LintRules.NarrowType, $"changes {retype.Table}.{retype.Column} from {column.DeclaredType} to {retype.Type}, which may not hold every value stored in it");
            case AddColumn { NotNull: true, HasDefault: false } add when table is not null && await HoldsRowsAsync(table, ct).ConfigureAwait(false):
                return (LintRules.NotNullWithoutDefault, $"adds {add.Table}.{add.Column} NOT NULL without a default to a table that holds rows, which have no value to give it");
            case SetNotNull set when Column(table, set.Column) is { Nullable: true, Default: null } && await HoldsRowsAsync(table!, ct).ConfigureAwait(false):
                return (LintRules.NotNullWithoutDefault, $"makes {set.Table}.{set.Column} NOT NULL without a default in a table that holds rows, where any NULL stops it or is replaced");
            case CreateIndex { Concurrently: false } index when database.Target.Engine == EngineKind.Postgres && table is not null
                    && await EstimatedRowsAsync(table, ct).ConfigureAwait(false) is var rows && rows > options.LargeRows:
                return (LintRules.IndexNotConcurrent, $"builds an index on {index.Table} (about {rows.ToString("N0", CultureInfo.InvariantCulture)} rows) without CONCURRENTLY, which blocks writes to the table until it is built");
            default:
                return null;
        }
    }

    private static bool SameType(string a, string b) => !TypeWidth.Narrows(a, b) && !TypeWidth.Narrows(b, a);

    /// <summary>The live table a statement names: exactly, else ignoring case; an unqualified name is looked for in PostgreSQL's public schema.</summary>
    private static Table? Find(DatabaseSchema schema, TableRef name) =>
        schema.Tables
            .Where(t => string.Equals(t.Name, name.Name, StringComparison.OrdinalIgnoreCase)
                && (name.Schema is null ? t.Schema is null or "public" : string.Equals(t.Schema, name.Schema, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(t => t.Name == name.Name ? 0 : 1)
            .FirstOrDefault();

    private static Column? Column(Table? table, string name) =>
        table?.Columns.OrderBy(c => c.Name == name ? 0 : 1).FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    private async Task<bool> HoldsRowsAsync(Table table, CancellationToken ct)
    {
        if (!_holdsRows.TryGetValue(table, out var holds))
            _holdsRows[table] = holds = (await database.QueryAsync($"SELECT 1 FROM {database.Dialect.Name(table.Schema, table.Name)} LIMIT 1", ct).ConfigureAwait(false)).Count > 0;
        return holds;
    }

    /// <summary>
    /// PostgreSQL's estimate (<c>pg_class.reltuples</c>, kept by ANALYZE and autovacuum); a table never analyzed
    /// (-1, or 0 before PostgreSQL 14) is counted instead, but only up to just past the threshold, so a large table costs no full scan.
    /// </summary>
    private async Task<long> EstimatedRowsAsync(Table table, CancellationToken ct)
    {
        var estimate = await database.QueryAsync(
            "SELECT c.reltuples::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
            $"WHERE n.nspname = {database.Dialect.QuoteLiteral(table.Schema ?? "public")} AND c.relname = {database.Dialect.QuoteLiteral(table.Name)}", ct).ConfigureAwait(false);
        var rows = estimate.Count == 0 ? -1 : Convert.ToInt64(estimate[0][0], CultureInfo.InvariantCulture);
        if (rows > 0) return rows;
        var counted = await database.QueryAsync(
            $"SELECT count(*) FROM (SELECT 1 FROM {database.Dialect.Name(table.Schema, table.Name)} LIMIT {options.LargeRows + 1}) AS sample", ct).ConfigureAwait(false);
        return Convert.ToInt64(counted[0][0], CultureInfo.InvariantCulture);
    }
}

using Ferry.Connections;
using Ferry.Engines;
using Ferry.Errors;
using Ferry.Schema;

namespace Ferry.Migrations.Generate;

/// <summary>
/// <c>ferry migrate generate</c>: the folder's migrations applied to one scratch database, the desired schema loaded
/// into another, both read by the engine's schema reader and compared (<see cref="SchemaDiff"/>), and the changes
/// written both ways by the engine's <see cref="ChangeWriter"/>. Before any file is written, both parts are proven on
/// the first scratch database: up must reach the desired schema, and down must come back to where it started.
/// </summary>
public static class MigrationGenerator
{
    public static async Task<GeneratedMigration> GenerateAsync(GenerateOptions options, CancellationToken ct)
    {
        NewMigration.Slug(options.Name);
        if (!File.Exists(options.SchemaFile))
            throw new FerryException(FerryErrorKind.Usage, $"There is no schema file {options.SchemaFile}: --schema names the SQL file that holds the schema you want.");
        var engine = options.Target.Engine;
        var server = options.Scratch ?? options.Target;
        if (!DdlWriters.SameDialect(server.Engine, engine) || (engine is EngineKind.Postgres or EngineKind.MySql && server.Engine != engine))
            throw new FerryException(FerryErrorKind.Usage, $"--scratch is {server.Engine.Display()}, but the migrations are for {engine.Display()}: give a server of the same engine.");
        var writer = ChangeWriter.For(engine);
        var set = System.IO.Directory.Exists(options.Directory)
            ? MigrationFolder.Load(options.Directory, engine)
            : new MigrationSet(options.Directory, MigrationFormat.Ferry, []);
        var flavor = SqlScript.FlavorOf(engine);
        var desiredStatements = SqlScript.Split(File.ReadAllText(options.SchemaFile), flavor);

        await using var current = await TemporaryDatabase.CreateAsync(server, options.RetryFor, ct).ConfigureAwait(false);
        await using var desired = await TemporaryDatabase.CreateAsync(server, options.RetryFor, ct).ConfigureAwait(false);
        foreach (var migration in set.Migrations)
            await RunAsync(current.Database, migration.Statements, (i, e) => FerryException.Restated(e,
                $"{Path.GetFileName(migration.File)} fails on a scratch database at statement {i} ({SqlScript.Excerpt(migration.Statements[i - 1])}): {Reason(e)}."), ct).ConfigureAwait(false);
        await RunAsync(desired.Database, desiredStatements, (i, e) => new FerryException(FerryErrorKind.Usage,
            $"{options.SchemaFile} does not load: statement {i} ({SqlScript.Excerpt(desiredStatements[i - 1])}) fails: {Reason(e)}.", e), ct).ConfigureAwait(false);

        var from = await ReadAsync(current.Database, ct).ConfigureAwait(false);
        var to = await ReadAsync(desired.Database, ct).ConfigureAwait(false);
        var changes = SchemaDiff.Of(from, to);
        if (changes.None) return new GeneratedMigration(changes, [], [], [], set.Format);
        var up = writer.Write(changes);
        var down = writer.Write(SchemaDiff.Of(to, from));
        await ProveAsync(current.Database, up, to, "up", ct).ConfigureAwait(false);
        await ProveAsync(current.Database, down, from, "down", ct).ConfigureAwait(false);
        var files = GeneratedFiles.Write(set, options.Name, Path.GetFileName(options.SchemaFile), up, down);
        return new GeneratedMigration(changes, up, down, files, set.Format);
    }

    private static async Task RunAsync(ISqlSession session, IReadOnlyList<string> statements, Func<int, FerryException, FerryException> failed, CancellationToken ct)
    {
        for (var i = 0; i < statements.Count; i++)
        {
            try
            {
                await session.ExecuteAsync(statements[i], ct).ConfigureAwait(false);
            }
            catch (FerryException e)
            {
                throw failed(i + 1, e);
            }
        }
    }

    /// <summary>The schema with each table's own CREATE text where the engine has one to ask for (MySQL's SHOW CREATE TABLE).</summary>
    private static async Task<DatabaseSchema> ReadAsync(IDatabase database, CancellationToken ct)
    {
        var schema = await database.ReadShapeAsync(ct).ConfigureAwait(false);
        var tables = new List<Table>();
        foreach (var table in schema.Tables) tables.Add(await database.WithDefinitionAsync(table, ct).ConfigureAwait(false));
        return schema with { Tables = tables };
    }

    /// <summary>
    /// Runs a generated part on the scratch database and reads the result back: a part that fails, or that does not
    /// reach <paramref name="expected"/>, is Ferry's mistake or a change it cannot write, and nothing is written.
    /// </summary>
    private static async Task ProveAsync(IDatabase database, IReadOnlyList<string> statements, DatabaseSchema expected, string part, CancellationToken ct)
    {
        await RunAsync(database, statements, (i, e) => FerryException.Restated(e,
            $"The generated {part} part fails on a scratch database at statement {i} ({SqlScript.Excerpt(statements[i - 1])}): {Reason(e)}; nothing was written."), ct).ConfigureAwait(false);
        var left = SchemaDiff.Of(await ReadAsync(database, ct).ConfigureAwait(false), expected);
        if (!left.None)
            throw new FerryException(FerryErrorKind.Failed,
                $"The generated {part} part does not reach the schema it should on a scratch database (still to do: {Describe(left.Changes[0])}); nothing was written.");
    }

    private static string Reason(FerryException e) => (e.Server?.Text ?? e.Message).TrimEnd('.');

    private static string Describe(SchemaChange change) => change switch
    {
        TableChange t => $"{change.GetType().Name} on {t.Table.QualifiedName}",
        CreateTable c => $"CreateTable {c.Desired.QualifiedName}",
        DropTable d => $"DropTable {d.Table.QualifiedName}",
        _ => change.GetType().Name,
    };
}

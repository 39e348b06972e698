using Ferry.Copy;
using Ferry.Engines;
using Ferry.Tests.Support;
using Ferry.Values;

namespace Ferry.Tests.Query;

/// <summary>
/// A scratch database of one engine holding table t (and, where the engine has them, sequence s and a function f
/// that writes), and a full dump of everything a bypass could change: t's rows, the list of tables, the sequence.
/// </summary>
public sealed class QueryEngine : IAsyncDisposable
{
    private readonly ScratchDatabase _scratch;

    private QueryEngine(string engine, ScratchDatabase scratch)
    {
        Engine = engine;
        _scratch = scratch;
    }

    public string Engine { get; }

    public string Url => _scratch.Url;

    public Ferry.Connections.ConnectionTarget Target => _scratch.Target;

    public static async Task<QueryEngine> CreateAsync(string engine)
    {
        var scratch = await ScratchDatabase.ForEngineAsync(engine);
        var created = new QueryEngine(engine, scratch);
        try
        {
            await using var db = await scratch.OpenAsync();
            foreach (var sql in Setup(engine)) await db.ExecuteAsync(sql, default);
            return created;
        }
        catch
        {
            await scratch.DisposeAsync();
            throw;
        }
    }

    private static IEnumerable<string> Setup(string engine)
    {
        yield return "CREATE TABLE t (id integer PRIMARY KEY, v varchar(40), n integer)";
        yield return "INSERT INTO t VALUES (1, 'one', 10), (2, 'zwei 🚢', 20), (3, NULL, 30), (4, '', 40)";
        yield return "CREATE TABLE u (id integer PRIMARY KEY, t_id integer, label varchar(20))";
        yield return "INSERT INTO u VALUES (1, 1, 'a'), (2, 1, 'b'), (3, 2, 'c')";
        switch (engine)
        {
            case "postgres":
                yield return "CREATE SEQUENCE s";
                yield return "CREATE FUNCTION f() RETURNS integer LANGUAGE plpgsql AS $$ BEGIN INSERT INTO t VALUES (99, 'f', 0); RETURN 1; END $$";
                // A procedure that tries to end the read-only transaction and write in a new one.
                yield return "CREATE PROCEDURE p() LANGUAGE plpgsql AS $$ BEGIN COMMIT; SET TRANSACTION READ WRITE; DELETE FROM t; COMMIT; END $$";
                break;
            case "mysql":
                yield return "CREATE SEQUENCE s";
                yield return "CREATE FUNCTION f() RETURNS integer MODIFIES SQL DATA BEGIN INSERT INTO t VALUES (99, 'f', 0); RETURN 1; END";
                // Inside a plain READ ONLY transaction this procedure writes: it commits, makes the session read-write, and starts its own.
                yield return "CREATE PROCEDURE p() BEGIN COMMIT; SET SESSION TRANSACTION READ WRITE; START TRANSACTION READ WRITE; DELETE FROM t; COMMIT; END";
                break;
        }
    }

    /// <summary>Everything a write could have changed, as text: compared whole before and after each attempt.</summary>
    public async Task<string> DumpAsync()
    {
        await using var db = await _scratch.OpenAsync();
        var lines = new List<string>();
        async Task Add(string sql)
        {
            foreach (var row in await db.QueryAsync(sql, default))
                lines.Add(string.Join(" | ", row.Select(v => v is null ? "NULL" : "'" + ValueText.Of(v) + "'")));
            lines.Add("--");
        }
        await Add("SELECT id, v, n FROM t ORDER BY id");
        await Add("SELECT id, t_id, label FROM u ORDER BY id");
        switch (Engine)
        {
            case "postgres":
                await Add("SELECT relname, relkind FROM pg_class WHERE relnamespace = 'public'::regnamespace ORDER BY relname");
                await Add("SELECT last_value, is_called FROM s");
                break;
            case "mysql":
                await Add("SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name");
                await Add("SELECT next_not_cached_value FROM s");
                break;
            default:
                await Add("SELECT type, name, sql FROM sqlite_master ORDER BY name");
                await Add("PRAGMA user_version");
                break;
        }
        return string.Join('\n', lines);
    }

    public Task<IDatabase> OpenAsync() => _scratch.OpenAsync();

    public async ValueTask DisposeAsync() => await _scratch.DisposeAsync();
}

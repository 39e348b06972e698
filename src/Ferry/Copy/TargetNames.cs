using System.Text;
using Ferry.Connections;
using Ferry.Engines;

namespace Ferry.Copy;

/// <summary>
/// How a target engine holds a name: how long it may be, and which names it takes for one and the same.
/// PostgreSQL cuts a name past 63 bytes without a word and compares quoted names exactly; MySQL and MariaDB
/// refuse names past 64 characters and compare column and index names without case; SQLite and libSQL have
/// no length limit and compare every name without case, ASCII letters only.
/// </summary>
internal sealed class TargetNames
{
    public const int PostgresBytes = 63;
    private const int MySqlCharacters = 64;

    private readonly EngineKind _engine;

    private TargetNames(EngineKind engine) => _engine = engine;

    public static TargetNames For(EngineKind engine) => new(engine);

    public string Engine => _engine.Display();

    /// <summary>Why the target cannot hold <paramref name="name"/> as it is, or null when it can.</summary>
    public string? TooLong(string name) => _engine switch
    {
        EngineKind.Postgres when Encoding.UTF8.GetByteCount(name) is var bytes and > PostgresBytes =>
            $"{bytes} bytes long, and PostgreSQL keeps only the first {PostgresBytes}",
        // MySQL counts characters, not UTF-16 units: one emoji is one character.
        EngineKind.MySql when name.EnumerateRunes().Count() is var characters and > MySqlCharacters =>
            $"{characters} characters long, and {Engine} allows {MySqlCharacters}",
        _ => null,
    };

    /// <summary>
    /// Table names compare without case in SQLite. In MySQL they follow the server's lower_case_table_names,
    /// which the planner cannot see; 0 (case-sensitive, Linux's default) is assumed, so no table is left out
    /// that the server would have taken.
    /// </summary>
    public bool TablesIgnoreCase => _engine is EngineKind.Sqlite or EngineKind.Libsql;

    /// <summary>Column and index names compare without case everywhere but PostgreSQL.</summary>
    public bool ColumnsIgnoreCase => _engine is not EngineKind.Postgres;

    /// <summary>Index names are one namespace per schema in PostgreSQL and SQLite, per table in MySQL.</summary>
    public bool IndexesPerTable => _engine == EngineKind.MySql;

    /// <summary>The name as the target tells names apart: SQLite folds ASCII letters only, MySQL every letter.</summary>
    public string Key(string name, bool ignoreCase) => !ignoreCase ? name
        : _engine == EngineKind.MySql ? name.ToUpperInvariant()
        : string.Create(name.Length, name, (span, s) =>
        {
            for (var i = 0; i < s.Length; i++) span[i] = s[i] is >= 'a' and <= 'z' ? (char)(s[i] - 32) : s[i];
        });
}

using System.Text.RegularExpressions;
using Ferry.Connections;
using Ferry.Engines;
using Ferry.Engines.MySql;
using Ferry.Engines.Postgres;
using Ferry.Engines.Sqlite;

namespace Ferry.Monitoring;

/// <summary>Reads <see cref="HealthDetails"/> from whichever engine a session speaks to.</summary>
public static partial class HealthQueries
{
    /// <summary>How many tables and statements a look lists.</summary>
    public const int Largest = 5;

    public static Task<HealthDetails> ReadAsync(ISqlSession session, CancellationToken ct) => session.Target.Engine switch
    {
        EngineKind.Postgres => PostgresHealth.ReadAsync(session, ct),
        EngineKind.MySql => MySqlHealth.ReadAsync(session, ct),
        EngineKind.Sqlite or EngineKind.Libsql => SqliteHealth.ReadAsync(session, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(session), session.Target.Engine, "unknown engine"),
    };

    /// <summary>
    /// Another session's statement as it may be shown: on one line, and without the literal after PASSWORD or
    /// IDENTIFIED BY, which a user's own ALTER ROLE or CREATE USER would otherwise put on the screen.
    /// </summary>
    internal static string Clean(string? sql) =>
        sql is null ? "" : SecretLiteral().Replace(Whitespace().Replace(sql.Trim(), " "), m => m.Groups[1].Value + "'****'");

    [GeneratedRegex(@"((?:PASSWORD|IDENTIFIED\s+BY)\s*(?:=\s*)?)'(?:[^']|'')*'", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLiteral();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

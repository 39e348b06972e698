using Ferry.Connections;
using Ferry.Engines;
using Ferry.Engines.MySql;
using Ferry.Engines.Postgres;
using Ferry.Errors;

namespace Ferry.Grants;

/// <summary>
/// A login that can only read, made the way each engine expects and then proven by the database: Ferry connects
/// as it, tries writes in a transaction that is rolled back, and reports the refusals. libSQL has no users: a
/// read-only JWT (claim <c>"a":"ro"</c>) is its mechanism, which <see cref="CheckAsync"/> proves the same way.
/// </summary>
public static class ReadOnlyLogin
{
    /// <summary>
    /// PostgreSQL: a role with LOGIN, CONNECT on the URL's database, USAGE and SELECT on every schema's tables and
    /// sequences, and default privileges for those the URL's user makes later. MySQL/MariaDB: user@'%' with SELECT and
    /// SHOW VIEW on the URL's database. Then <see cref="CheckAsync"/> as the new login.
    /// </summary>
    /// <param name="password">Never put into a message: Ferry registers it as a secret before sending it.</param>
    public static async Task<WriteCheck> CreateAsync(ConnectionTarget admin, string user, string password, TimeSpan retryFor, CancellationToken ct)
    {
        SecretMasker.Register(password);
        RequireUsers(admin);
        if (string.IsNullOrWhiteSpace(user)) throw new FerryException(FerryErrorKind.Usage, "The user name is empty.");
        if (admin.Database is null) throw new FerryException(FerryErrorKind.Usage, $"{admin.Redacted} names no database to grant reading of.");

        await using (var db = await Databases.OpenAsync(admin, new OpenOptions { Access = AccessMode.ReadWrite, RetryFor = retryFor }, ct).ConfigureAwait(false))
        {
            if (admin.Engine == EngineKind.Postgres)
            {
                var schemas = (await db.QueryAsync(PostgresGrants.SchemasSql, ct).ConfigureAwait(false)).Select(r => (string)r[0]!).ToList();
                // One transaction: a role half-granted (an error after CREATE ROLE) is never left behind.
                await using var grant = (await DdlSession.BeginAsync(db, ct).ConfigureAwait(false))!;
                foreach (var sql in PostgresGrants.CreateReadOnly(user, password, admin.Database, schemas)) await grant.ExecuteAsync(sql, ct).ConfigureAwait(false);
                await grant.CommitAsync(ct).ConfigureAwait(false);
            }
            else
            {
                // MySQL commits each account statement by itself: a GRANT that fails takes the new user away again.
                var statements = MySqlGrants.CreateReadOnly(db.Dialect, user, password, admin.Database);
                await db.ExecuteAsync(statements[0], ct).ConfigureAwait(false);
                try
                {
                    foreach (var sql in statements.Skip(1)) await db.ExecuteAsync(sql, ct).ConfigureAwait(false);
                }
                catch
                {
                    await db.ExecuteAsync("DROP USER " + MySqlGrants.Account(db.Dialect, user), CancellationToken.None).ConfigureAwait(false);
                    throw;
                }
            }
        }
        return await CheckAsync(admin with { User = user, Password = password }, retryFor, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Connects as the URL's user (or token) and asks the database: the privileges that allow a write (PostgreSQL,
    /// MySQL/MariaDB), and writes tried in a transaction that is rolled back whatever happens.
    /// </summary>
    public static async Task<WriteCheck> CheckAsync(ConnectionTarget target, TimeSpan retryFor, CancellationToken ct)
    {
        if (target.Engine == EngineKind.Sqlite) RequireUsers(target);
        // Opened read-write: the question is what the database allows this user, not what Ferry's read-only session would.
        await using var db = await Databases.OpenAsync(target, new OpenOptions { Access = AccessMode.ReadWrite, RetryFor = retryFor }, ct).ConfigureAwait(false);
        IReadOnlyList<string> ways = [];
        var probes = new List<string>();
        switch (target.Engine)
        {
            case EngineKind.Postgres:
                ways = Texts(await db.QueryAsync(PostgresGrants.WaysToWriteSql, ct).ConfigureAwait(false));
                var targets = (await db.QueryAsync(PostgresGrants.ProbeTargetsSql, ct).ConfigureAwait(false))[0];
                probes.AddRange(PostgresGrants.Probes(targets[0] as string, targets[1] as string));
                break;
            case EngineKind.MySql:
                ways = Texts(await db.QueryAsync(MySqlGrants.WaysToWriteSql, ct).ConfigureAwait(false));
                var table = (await db.QueryAsync(MySqlGrants.ProbeTableSql, ct).ConfigureAwait(false)).Select(r => r[0] as string).FirstOrDefault();
                probes.AddRange(MySqlGrants.Probes(db.Dialect, table));
                break;
            default:
                probes.Add("CREATE TABLE ferry_grant_probe (x)");
                break;
        }
        var attempts = new List<WriteAttempt>();
        foreach (var sql in probes)
        {
            var refusal = await ((IWriteProbe)db).TryWriteAsync(sql, ct).ConfigureAwait(false);
            attempts.Add(new WriteAttempt(sql, refusal?.Message, refusal is not null && ByPrivilege(refusal, target.Engine)));
        }
        return new WriteCheck(Who(target), ways, attempts);
    }

    /// <summary>
    /// Refused by a privilege or a read-only session, told by the server's code. sqld answers a token that may not
    /// write with HTTP 403 to the write alone, once the same token has read.
    /// </summary>
    private static bool ByPrivilege(FerryException refusal, EngineKind engine) =>
        refusal.Server?.Category is ServerErrorCategory.PermissionDenied or ServerErrorCategory.ReadOnly
        || (engine == EngineKind.Libsql && refusal.Kind == FerryErrorKind.Authentication);

    private static string Who(ConnectionTarget target) =>
        target.Engine == EngineKind.Libsql ? (target.AuthToken is null ? "no token" : "the token") : target.User ?? "the default user";

    private static List<string> Texts(IReadOnlyList<object?[]> rows) => rows.Select(r => (string)r[0]!).ToList();

    /// <summary>Refuses, with the engine's own way of read-only access in one sentence, an engine that has no logins (SQLite, libSQL).</summary>
    public static void RequireUsers(ConnectionTarget target)
    {
        if (target.Engine is not (EngineKind.Postgres or EngineKind.MySql)) throw NoUsers(target);
    }

    private static FerryException NoUsers(ConnectionTarget target) => new(FerryErrorKind.Usage, target.Engine == EngineKind.Libsql
        ? $"libSQL has no users: a read-only JWT (claim \"a\":\"ro\") is how {target.Redacted} gives read-only access; pass one with --token-env VAR and Ferry proves that the server refuses its writes."
        : $"SQLite has no users: read-only access to {target.Redacted} is the file's permissions, or opening it read-only as ferry query does.");
}

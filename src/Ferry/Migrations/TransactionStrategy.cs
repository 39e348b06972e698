using Ferry.Connections;
using Ferry.Engines;
using Ferry.Engines.Libsql;

namespace Ferry.Migrations;

/// <summary>How one migration's statements and its history row are made to stand or fall together.</summary>
public enum TransactionStrategy
{
    /// <summary>BEGIN … COMMIT on the session (PostgreSQL, SQLite: DDL is transactional there). A failure leaves nothing.</summary>
    Transaction,
    /// <summary>One atomic Hrana batch (libSQL over HTTP, which holds no transaction between requests). A failure leaves nothing.</summary>
    Batch,
    /// <summary>
    /// Statement by statement (MySQL, whose DDL commits on its own; a <c>-- ferry:no-transaction</c> file).
    /// A failure leaves the statements before it, and is recorded in <see cref="MigrationFailures"/>.
    /// </summary>
    None,
}

internal static class TransactionStrategies
{
    public static TransactionStrategy For(ISqlSession session, Migration migration) =>
        !migration.InTransaction ? TransactionStrategy.None
        : session is LibsqlDatabase ? TransactionStrategy.Batch
        : session.Target.Engine is EngineKind.Postgres or EngineKind.Sqlite ? TransactionStrategy.Transaction
        : TransactionStrategy.None;

    /// <summary>
    /// BEGIN IMMEDIATE on SQLite: the write lock is taken at once, before the history is read again, so two
    /// runs cannot both find a migration unapplied (see <see cref="SqliteMigrationLock"/>).
    /// </summary>
    public static string Begin(ISqlSession session) => session.Target.Engine == EngineKind.Sqlite ? "BEGIN IMMEDIATE" : "BEGIN";
}

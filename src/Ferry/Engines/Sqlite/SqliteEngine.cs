using Ferry.Connections;
using Microsoft.Data.Sqlite;

namespace Ferry.Engines.Sqlite;

/// <summary>Opens SQLite files through Microsoft.Data.Sqlite.</summary>
public static class SqliteEngine
{
    public static async Task<IDatabase> OpenAsync(ConnectionTarget target, OpenOptions options, CancellationToken cancellationToken)
    {
        var readOnly = options.Access == AccessMode.ReadOnly;
        if (readOnly && target.FilePath is not null) SqliteFileCheck.RequireDatabase(target.FilePath);

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = target.FilePath ?? ":memory:",
            Mode = target.FilePath is null ? SqliteOpenMode.Memory : readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            // The bundled SQLite enforces foreign keys by default; Ferry loads rows as they are (parents
            // first, but cycles and the orphans SQLite never checked still arrive) and reports what breaks.
            ForeignKeys = false,
            // Microsoft.Data.Sqlite retries SQLITE_BUSY for up to this long: our bounded wait for a lock.
            DefaultTimeout = Math.Max(1, (int)options.RetryFor.TotalSeconds),
        };
        var connection = new SqliteConnection(builder.ConnectionString);
        try
        {
            await TransientRetry.RunAsync(async ct =>
            {
                await connection.OpenAsync(ct).ConfigureAwait(false);
                // Reading the schema proves the file is a database: SQLite opens anything lazily.
                using var probe = connection.CreateCommand();
                probe.CommandText = "SELECT count(*) FROM sqlite_master";
                await probe.ExecuteScalarAsync(ct).ConfigureAwait(false);
            }, SqliteErrors.IsTransient, options.RetryFor, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw SqliteErrors.Describe(e, target.Redacted);
        }
        return new SqliteDatabase(target, options, connection);
    }
}

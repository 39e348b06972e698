using Ferry.Engines;
using Ferry.Errors;

namespace Ferry.Migrations;

/// <summary>
/// For applications that migrate on boot: one call that applies the pending migrations of a folder with
/// the same lock, transactions and history as <c>ferry migrate up</c>, so several instances starting at once
/// apply each migration once. A failure throws, naming the file and statement, so the application does not
/// start on a half-migrated schema.
/// </summary>
public static class MigrateOnStart
{
    public static async Task<MigrationRunResult> ApplyAsync(string url, string directory, CancellationToken ct, UpOptions? options = null)
    {
        var target = Connections.ConnectionUrl.Parse(url);
        var set = MigrationFolder.Load(directory, target.Engine);
        var database = await Databases.OpenAsync(target, new OpenOptions { Access = AccessMode.ReadWrite }, ct).ConfigureAwait(false);
        await using (database.ConfigureAwait(false))
        {
            var result = await new MigrationRunner(database, set).UpAsync(options ?? new UpOptions(), ct).ConfigureAwait(false);
            if (result.Failure is { } f)
                throw FerryException.Restated(f.Error, f.Sentence + (f.RolledBack ? "; it was rolled back." : $"; {PartlyRun.Describe(f.Statement)}."));
            return result;
        }
    }
}

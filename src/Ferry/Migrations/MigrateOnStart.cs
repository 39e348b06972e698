using Ferry.Engines;
using Ferry.Errors;

namespace Ferry.Migrations;

/// <summary>
/// For applications that migrate on boot: one call that applies the pending migrations of a folder with
/// the same lock, transactions, history and lint refusal as <c>ferry migrate up</c>, so several instances starting at once
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
            // The same refusal as 'ferry migrate up': an unacknowledged destructive change stops the boot before anything runs.
            options ??= new UpOptions();
            var guard = Lint.MigrationLinter.Guard(database, new Lint.LintOptions());
            var theirs = options.BeforeApply;
            options = options with
            {
                BeforeApply = async (migrations, token) =>
                {
                    await guard(migrations, token).ConfigureAwait(false);
                    if (theirs is not null) await theirs(migrations, token).ConfigureAwait(false);
                },
            };
            var result = await new MigrationRunner(database, set).UpAsync(options, ct).ConfigureAwait(false);
            if (result.Failure is { } f)
                throw FerryException.Restated(f.Error, f.Sentence + (f.RolledBack ? "; it was rolled back." : $"; {PartlyRun.Describe(f.Statement)}."));
            return result;
        }
    }
}

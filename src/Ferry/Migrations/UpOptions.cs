namespace Ferry.Migrations;

public sealed record UpOptions
{
    /// <summary>Apply up to and including this version (<c>0003</c>), not beyond.</summary>
    public string? To { get; init; }

    /// <summary>Apply migrations that are older than the newest applied one yet were never applied.</summary>
    public bool AllowOutOfOrder { get; init; }

    /// <summary>Run a migration that failed part-way again, from its first statement.</summary>
    public bool RetryFailed { get; init; }

    /// <summary>How long to wait for another run's lock before giving up.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Told of each migration as it is applied (or found applied by another run meanwhile).</summary>
    public Action<MigrationOutcome>? OnApplied { get; init; }

    /// <summary>
    /// Given what is about to be applied, under the lock and before anything runs; it refuses by throwing.
    /// The CLI lints here (<see cref="Lint.MigrationLinter.Guard"/>), and a backup before <c>up</c> belongs here too.
    /// </summary>
    public Func<IReadOnlyList<Migration>, CancellationToken, Task>? BeforeApply { get; init; }
}

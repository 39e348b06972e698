namespace Ferry.Ddl;

public enum StepStatus
{
    Done,
    /// <summary>A resumed copy found it made by the interrupted one.</summary>
    AlreadyThere,
    /// <summary>The target refused it; <see cref="StepOutcome.Error"/> says why.</summary>
    Failed,
    /// <summary>The target refused it and its fallback ran instead.</summary>
    FellBack,
    /// <summary>Not run: a table it needs could not be created.</summary>
    Skipped,
}

/// <summary>What became of one step, with the server's error code and words where it was refused.</summary>
public sealed record StepOutcome(DdlStep Step, StepStatus Status, string? Code = null, string? Error = null);

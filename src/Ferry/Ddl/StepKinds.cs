namespace Ferry.Ddl;

/// <summary>Which steps may run side by side.</summary>
public static class StepKinds
{
    /// <summary>
    /// Steps of one group, consecutive in a plan, may run at once where the target allows it (<see cref="Engines.IDdlWriter.BuildsSideBySide"/>):
    /// keys; checks and indexes; statistics. Each locks one table, so two of them at worst wait for each other and
    /// never deadlock; a foreign key locks two tables and runs alone. Null for a step that runs alone.
    /// </summary>
    public static int? SideBySideGroup(this StepKind kind) => kind switch
    {
        StepKind.AddPrimaryKey or StepKind.AddUnique => 0,
        StepKind.AddCheck or StepKind.CreateIndex => 1,
        StepKind.Analyze => 2,
        _ => null,
    };
}

namespace Ferry.Ddl;

/// <summary>What a DDL step makes. The order here is the order a copy runs them in.</summary>
public enum StepKind
{
    CreateType,
    CreateTable,
    AddPrimaryKey,
    AddUnique,
    AddCheck,
    CreateIndex,
    AddForeignKey,
    CreateView,
    CreateTrigger,
    ResetIdentity,
    Analyze,
}

namespace Ferry.Ddl;

/// <summary>What a DDL step makes. The order here is the order a copy runs them in.</summary>
public enum StepKind
{
    /// <summary>PostgreSQL to PostgreSQL: a schema the source's tables, types, views or functions live in.</summary>
    CreateSchema,
    /// <summary>PostgreSQL to PostgreSQL: CREATE EXTENSION IF NOT EXISTS, in the schema it had, before the types and tables that use it.</summary>
    CreateExtension,
    CreateType,
    /// <summary>PostgreSQL to PostgreSQL: a sequence no column owns (a default's nextval may name it), at the source's position.</summary>
    CreateSequence,
    CreateTable,
    AddPrimaryKey,
    AddUnique,
    AddCheck,
    CreateIndex,
    AddForeignKey,
    /// <summary>PostgreSQL to PostgreSQL: a function or procedure, before the views and triggers that call it.</summary>
    CreateFunction,
    /// <summary>A view (or PostgreSQL materialized view, computed from the loaded rows), each after the views it reads.</summary>
    CreateView,
    /// <summary>PostgreSQL to PostgreSQL: an index of a materialized view, once the view holds its rows.</summary>
    CreateViewIndex,
    CreateTrigger,
    /// <summary>PostgreSQL to PostgreSQL: ENABLE (and FORCE) ROW LEVEL SECURITY, after the load and before the policies.</summary>
    EnableRowSecurity,
    CreatePolicy,
    /// <summary>PostgreSQL to PostgreSQL: COMMENT ON, once every object it describes is made.</summary>
    Comment,
    ResetIdentity,
    Analyze,
}

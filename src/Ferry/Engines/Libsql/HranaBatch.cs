namespace Ferry.Engines.Libsql;

/// <summary>One step of a batch: a statement and the condition under which it runs.</summary>
internal sealed record HranaBatchStep(HranaStatement Statement, HranaCondition? Condition = null);

/// <summary>Hrana's <c>Batch</c>: statements the server runs in order, in one request.</summary>
internal sealed record HranaBatch(IReadOnlyList<HranaBatchStep> Steps);

namespace Ferry.Engines.Libsql;

/// <summary>The stream requests of Hrana over HTTP that Ferry sends in a <c>pipeline</c>.</summary>
internal abstract record HranaRequest
{
    public sealed record Execute(HranaStatement Statement) : HranaRequest;

    public sealed record Batch(HranaBatch Value) : HranaRequest;

    /// <summary>Asks SQLite, on the server, about a statement without running it (e.g. whether it writes).</summary>
    public sealed record Describe(string Sql) : HranaRequest;

    public sealed record GetAutocommit : HranaRequest;

    /// <summary>Ends the stream: the server frees its connection now rather than after the idle timeout.</summary>
    public sealed record Close : HranaRequest;
}

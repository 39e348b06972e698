namespace Ferry.Engines;

/// <summary>
/// An open database of any engine: a SQL session that reads its schema, gives rows and takes them.
/// Everything above the engines speaks to these roles, never to a driver; a part that needs only one
/// (the load reads an <see cref="IRowSource"/> into an <see cref="IRowSink"/>) asks for only that one, so
/// an archive, a verifier or a sync can stand at either end without being a database.
/// </summary>
public interface IDatabase : ISqlSession, ISchemaReader, IRowSource, IRowSink, IAsyncDisposable;

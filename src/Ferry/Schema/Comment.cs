namespace Ferry.Schema;

/// <summary>
/// PostgreSQL: the comment on an object (COMMENT ON …), which tools such as Supabase and PostGraphile read as
/// documentation and configuration. <see cref="Table"/> is the table or view it belongs to, or the object itself
/// (a schema, a function, a type); <see cref="Object"/> names it for reports: "column User.email".
/// </summary>
public sealed record Comment(string Table, string Object, string Definition);

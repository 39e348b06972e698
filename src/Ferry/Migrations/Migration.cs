namespace Ferry.Migrations;

/// <summary>
/// One migration as its folder gives it: the statements to run, in order, and what identifies it in the
/// history table.
/// </summary>
/// <param name="Version">The number its file name starts with (<c>0003</c>), which <c>--to</c> names.</param>
/// <param name="Name">The file's name without <c>.sql</c>: <c>0003_add_email</c>.</param>
/// <param name="File">The path of the file, for messages.</param>
/// <param name="Order">
/// Where it stands among the others, and the key its history row is found by: the version number in
/// Ferry's format, the journal's <c>when</c> (milliseconds) in drizzle's, which drizzle-orm stores as <c>created_at</c>.
/// </param>
/// <param name="Hash">SHA-256 of the file's text in lowercase hex (<see cref="MigrationHash"/>): an edited file no longer matches its row.</param>
/// <param name="Statements">The statements of the up part, each run on its own.</param>
/// <param name="InTransaction">False when the file asks to run outside a transaction (<c>-- ferry:no-transaction</c>), e.g. for CREATE INDEX CONCURRENTLY.</param>
/// <param name="Down">The statements that undo it, or null when it has no down part.</param>
public sealed record Migration(
    string Version,
    string Name,
    string File,
    long Order,
    string Hash,
    IReadOnlyList<string> Statements,
    bool InTransaction,
    IReadOnlyList<string>? Down)
{
    /// <summary>The lint rules the file acknowledges with <c>-- ferry:allow RULE</c>: <c>up</c> lets those findings through.</summary>
    public IReadOnlySet<string> Allowed { get; init; } = new HashSet<string>();
}

using Ferry.Errors;

namespace Ferry.Migrations;

/// <summary>
/// Where a run stopped: the file, the statement (1-based, of <see cref="Statements"/>), its text, and the
/// server's error. <see cref="RolledBack"/> says whether the migration's earlier statements were undone
/// with it (a transaction) or stay (MySQL DDL, a no-transaction file).
/// </summary>
public sealed record MigrationFailure(Migration Migration, string File, int Statement, int Statements, string StatementText, FerryException Error, bool RolledBack)
{
    /// <summary>The statement's start on one line, enough to find it in the file.</summary>
    public string Excerpt => Engines.SqlScript.Excerpt(StatementText);

    /// <summary>"0002_x.sql failed at statement 3 of 4 (INSERT INTO …): the server's words", without a closing full stop.</summary>
    public string Sentence =>
        $"{Path.GetFileName(File)} failed at statement {Statement} of {Statements} ({Excerpt}): {(Error.Server?.Text ?? Error.Message).TrimEnd('.')}";
}

namespace Ferry.Migrations.Lint;

/// <summary>
/// One risky change: the file, the statement (1-based, in the order the file runs them), the rule, one
/// sentence saying what it does, and whether the file acknowledges it (<c>-- ferry:allow RULE</c>).
/// </summary>
public sealed record LintFinding(string File, int Statement, string Rule, string Message, bool Acknowledged)
{
    /// <summary>"0002_x.sql statement 3: drop-column: drops column users.email and every value in it".</summary>
    public string Sentence => $"{Path.GetFileName(File)} statement {Statement}: {Rule}: {Message}";
}

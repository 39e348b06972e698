using Ferry.Grants;

namespace Ferry.Cli.Output;

/// <summary>What <c>ferry grant</c> found, as lines a person reads or as one JSON object; and the exit code that says it.</summary>
public static class GrantRenderer
{
    public static int Write(WriteCheck check, bool json, TextWriter output)
    {
        if (json)
        {
            Json.Write(output, new
            {
                user = check.User,
                readOnly = check.ReadOnly,
                waysToWrite = check.WaysToWrite,
                attempts = check.Attempts.Select(a => new { statement = a.Statement, accepted = a.Accepted, refusal = a.Refusal, byPrivilege = a.ByPrivilege }),
            });
        }
        else
        {
            foreach (var way in check.WaysToWrite) output.WriteLine($"  may write: {way}");
            foreach (var a in check.Attempts)
                output.WriteLine(a.Accepted ? $"  accepted (rolled back): {a.Statement}" : $"  refused: {a.Statement} — {a.Refusal}");
            output.WriteLine(check.ReadOnly
                ? check.Attempts.Count == 0
                    ? $"Read-only: the privileges of {check.User} allow no write (there was no table to try one on)."
                    : $"Read-only: the database refused every write {check.User} tried, and its privileges allow none."
                : check.CanWrite
                    ? $"{check.User} can write."
                    : $"Not proven: a write by {check.User} was refused for another reason than a privilege.");
        }
        return check.ReadOnly ? ExitCodes.Ok : ExitCodes.CanWrite;
    }
}

using Ferry.Connections;
using Ferry.Errors;

namespace Ferry.Cli.Output;

/// <summary>
/// The last stop for every failure: one sentence on stderr, secrets scrubbed, an exit code that says
/// what kind of failure it was. A stack trace only when FERRY_DEBUG is set.
/// </summary>
public static class ErrorReporter
{
    public static int Report(Exception error, TextWriter stderr)
    {
        var (code, sentence) = error switch
        {
            FerryException f => (ExitCodes.For(f.Kind), f.Message),
            OperationCanceledException => (ExitCodes.Cancelled, "Cancelled."),
            _ => (ExitCodes.Failed, $"Unexpected error ({error.GetType().Name}): {error.Message}"),
        };
        stderr.WriteLine("ferry: " + SecretMasker.Scrub(sentence));
        if (Environment.GetEnvironmentVariable("FERRY_DEBUG") is { Length: > 0 })
            stderr.WriteLine(SecretMasker.Scrub(error.ToString()));
        return code;
    }
}

using Ferry.Errors;

namespace Ferry.Cli.Output;

/// <summary>What <c>ferry</c> exits with, so scripts can tell a typo from an outage.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int Connection = 3;
    public const int Authentication = 4;
    public const int NotADatabase = 5;
    /// <summary><c>ferry verify</c> compared both sides and they differ (any other failure to compare exits as above).</summary>
    public const int Differs = 6;
    /// <summary><c>ferry grant</c> found that the user can write, or could not prove that it cannot.</summary>
    public const int CanWrite = 7;
    public const int Cancelled = 130;

    public static int For(FerryErrorKind kind) => kind switch
    {
        FerryErrorKind.Usage => Usage,
        FerryErrorKind.Connection => Connection,
        FerryErrorKind.Authentication => Authentication,
        FerryErrorKind.NotADatabase => NotADatabase,
        _ => Failed,
    };
}

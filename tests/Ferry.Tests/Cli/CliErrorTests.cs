using Ferry.Cli.Output;
using Ferry.Tests.Support;
using Xunit;

namespace Ferry.Tests.Cli;

/// <summary>Bad input gets one sentence on stderr and a meaningful exit code; nothing is created; no secret leaks.</summary>
public sealed class CliErrorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ferry-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void AssertOneSentence(FerryProcess.Result result, int exitCode, string mentions)
    {
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("ferry: ", line, StringComparison.Ordinal);
        Assert.Contains(mentions, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnArgumentTheParserRefusesIsQuotedWithoutItsSecrets()
    {
        // The parser quotes what it does not understand; a URL among them must not take its password along.
        var result = await FerryProcess.RunAsync(_folder, "frobnicate", "postgres://app:Sekrit-Pw-91@127.0.0.1/db", "libsql://x.turso.io?authToken=Tok-Secret-77");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("'postgres://app:****@127.0.0.1/db'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("authToken=****", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Sekrit-Pw-91", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Tok-Secret-77", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingFileIsReportedAndNotCreated()
    {
        var result = await FerryProcess.RunAsync(_folder, "inspect", "sqlite:./missing.db");
        AssertOneSentence(result, ExitCodes.NotADatabase, "does not exist");
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("not a database, just text\n", "not a SQLite database")]
    public async Task FilesThatAreNotDatabasesAreRefusedUntouched(string content, string mentions)
    {
        var path = Path.Combine(_folder, "bad.db");
        await File.WriteAllTextAsync(path, content);
        var result = await FerryProcess.RunAsync(_folder, "inspect", "bad.db");
        AssertOneSentence(result, ExitCodes.NotADatabase, mentions);
        Assert.Equal(content, await File.ReadAllTextAsync(path));
        Assert.Single(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public async Task ATruncatedDatabaseIsRefused()
    {
        var path = Path.Combine(_folder, "whole.db");
        Assert.Equal(0, (await FerryProcess.RunAsync(_folder, "sample", path, "--scale", "0.001")).ExitCode);
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(Path.Combine(_folder, "cut.db"), bytes[..(bytes.Length / 2)]);
        AssertOneSentence(await FerryProcess.RunAsync(_folder, "inspect", "cut.db"), ExitCodes.NotADatabase, "truncated");
    }

    [Theory]
    [InlineData("postgres://app:Sup3rSecretPw@127.0.0.1:1/prod")]
    [InlineData("mysql://app:Sup3rSecretPw@127.0.0.1:1/prod")]
    [InlineData("http://127.0.0.1:1?authToken=Sup3rSecretPw")]
    public async Task AnUnreachableServerIsOneSentenceWithoutThePassword(string url)
    {
        var result = await FerryProcess.RunAsync(_folder, "ping", url, "--retry-for", "0.5");
        AssertOneSentence(result, ExitCodes.Connection, "127.0.0.1:1");
        Assert.DoesNotContain("Sup3rSecretPw", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("foo://x")]
    [InlineData("postgres://u:Sup3rSecretPw@h:notaport/d")]
    [InlineData("env:FERRY_TEST_SURELY_UNSET")]
    public async Task BadUrlsAreUsageErrors(string url)
    {
        var result = await FerryProcess.RunAsync(_folder, "ping", url);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.DoesNotContain("Sup3rSecretPw", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABatchSizeBelowOneIsAUsageError()
    {
        var result = await FerryProcess.RunAsync(_folder, "copy", "sqlite::memory:", "sqlite:" + Path.Combine(_folder, "never.db"), "--batch-size", "0");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--batch-size must be at least 1", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "never.db")));
    }

    /// <summary>Within one engine a table is created as the source declares it: a --cast would be ignored, so it is refused.</summary>
    [Fact]
    public async Task ACastWithinOneEngineIsRefusedNotIgnored()
    {
        var source = Path.Combine(_folder, "source.db");
        Assert.Equal(0, (await FerryProcess.RunAsync(_folder, "sample", source, "--scale", "0.001")).ExitCode);
        var result = await FerryProcess.RunAsync(_folder, "copy", "sqlite:" + source, "sqlite:" + Path.Combine(_folder, "never.db"), "--cast", "Message.tokens=text");
        AssertOneSentence(result, ExitCodes.Usage, "--cast does not apply to a copy from SQLite into SQLite");
        Assert.False(File.Exists(Path.Combine(_folder, "never.db")));
    }

    /// <summary>--retry-for and --lock-timeout take durations as --interval does; a plain number is still seconds.</summary>
    [Fact]
    public async Task RetryAndLockWaitsAreDurations()
    {
        var unreachable = "postgres://app:pw@127.0.0.1:1/prod";
        AssertOneSentence(await FerryProcess.RunAsync(_folder, "ping", unreachable, "--retry-for", "300ms"), ExitCodes.Connection, "127.0.0.1:1");
        AssertOneSentence(await FerryProcess.RunAsync(_folder, "ping", unreachable, "--retry-for", "0"), ExitCodes.Connection, "127.0.0.1:1");
        var bad = await FerryProcess.RunAsync(_folder, "ping", unreachable, "--retry-for", "soon");
        Assert.Equal(ExitCodes.Usage, bad.ExitCode);
        Assert.Contains("--retry-for takes a length of time such as 500ms, 10s, 2m or 1h, not 'soon'.", bad.Stderr, StringComparison.Ordinal);
        var lockWait = await FerryProcess.RunAsync(_folder, "migrate", "status", "--url", unreachable, "--lock-timeout", "5 minutes");
        Assert.Equal(ExitCodes.Usage, lockWait.ExitCode);
        Assert.Contains("--lock-timeout takes a length of time", lockWait.Stderr, StringComparison.Ordinal);
    }

    /// <summary>One file named two ways (relative and absolute) is one database: copy and sync refuse it before opening anything.</summary>
    [Theory]
    [InlineData("copy")]
    [InlineData("sync")]
    public async Task TheSameDatabaseUnderTwoSpellingsIsRefused(string command)
    {
        var path = Path.Combine(_folder, "one.db");
        Assert.Equal(0, (await FerryProcess.RunAsync(_folder, "sample", path, "--scale", "0.001")).ExitCode);
        var before = await File.ReadAllBytesAsync(path);
        string[] args = command == "sync" ? ["sync", "sqlite:./one.db", "sqlite:" + path, "--by", "createdAt"] : ["copy", "sqlite:./one.db", "sqlite:" + path];
        AssertOneSentence(await FerryProcess.RunAsync(_folder, args), ExitCodes.Usage, "The source and the target are the same database.");
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }
}

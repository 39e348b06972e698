using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ferry.Tests.Support;

/// <summary>
/// A sqld of one test's own, on a port of its own, that the test may stop and start again (the shared servers
/// must stay up for every other test). Its data directory survives a restart, as a real server's would.
/// </summary>
public sealed class PrivateSqld : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ferry-sqld-").FullName;
    private Process? _process;
    private bool _jwt;

    public int Port { get; } = FreePort();

    public string Url => $"http://127.0.0.1:{Port}";

    /// <param name="jwt">Require a JWT signed by a key of this server's own (see <see cref="TokenAsync"/>), as Turso does.</param>
    public static async Task<PrivateSqld> StartAsync(bool jwt = false)
    {
        var server = new PrivateSqld { _jwt = jwt };
        if (jwt)
        {
            await OpenSslAsync("genpkey", "-algorithm", "ed25519", "-out", server.Key("private.pem"));
            await OpenSslAsync("pkey", "-in", server.Key("private.pem"), "-pubout", "-out", server.Key("public.pem"));
        }
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>
    /// An EdDSA JWT this server accepts, with <paramref name="access"/> as its "a" claim: "rw", or "ro" for a token
    /// that may only read. Signed by openssl, as scripts/servers.sh signs the shared server's (.NET has no Ed25519).
    /// </summary>
    public async Task<string> TokenAsync(string access)
    {
        static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var signingInput = B64("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}"u8.ToArray()) + "." + B64(System.Text.Encoding.UTF8.GetBytes($"{{\"a\":\"{access}\"}}"));
        var input = Key($"input-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(input, signingInput);
        var signature = Key($"signature-{Guid.NewGuid():N}");
        await OpenSslAsync("pkeyutl", "-sign", "-inkey", Key("private.pem"), "-rawin", "-in", input, "-out", signature);
        return signingInput + "." + B64(await File.ReadAllBytesAsync(signature));
    }

    private string Key(string name) => Path.Combine(_directory, name);

    private static async Task OpenSslAsync(params string[] args)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"openssl {args[0]} failed: {error}");
    }

    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(TestServers.SqldBinary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--no-welcome", "--db-path", Path.Combine(_directory, "data"), "--http-listen-addr", $"127.0.0.1:{Port}" })
            start.ArgumentList.Add(arg);
        if (_jwt)
        {
            start.ArgumentList.Add("--auth-jwt-key-file");
            start.ArgumentList.Add(Key("public.pem"));
        }
        _process = Process.Start(start)!;
        // Drained so a chatty server never blocks on a full pipe.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(20); await Task.Delay(100))
        {
            try
            {
                if ((await http.GetAsync($"{Url}/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
        }
        throw new InvalidOperationException($"sqld did not start on port {Port}.");
    }

    public async Task StopAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

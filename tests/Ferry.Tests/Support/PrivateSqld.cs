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

    public int Port { get; } = FreePort();

    public string Url => $"http://127.0.0.1:{Port}";

    public static async Task<PrivateSqld> StartAsync()
    {
        var server = new PrivateSqld();
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(TestServers.SqldBinary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--no-welcome", "--db-path", Path.Combine(_directory, "data"), "--http-listen-addr", $"127.0.0.1:{Port}" })
            start.ArgumentList.Add(arg);
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

using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace Ferry.Tests.Support;

/// <summary>Runs the real <c>ferry</c> executable, as a user would, and captures what it printed.</summary>
public static class FerryProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static async Task<Result> RunAsync(string workingDirectory, params string[] args)
    {
        await using var running = Start(workingDirectory, args);
        return await running.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Starts ferry and returns while it runs, so a test can act on each line it prints (a watch, a long copy).</summary>
    public static Running Start(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ferry.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("FERRY_DEBUG");
        return new Running(Process.Start(start)!);
    }

    public sealed class Running : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
        private readonly StringBuilder _stdout = new();
        private readonly Task<string> _stderr;
        private readonly Task _pump;

        internal Running(Process process)
        {
            _process = process;
            _stderr = process.StandardError.ReadToEndAsync();
            _pump = PumpAsync();
        }

        /// <summary>Keeps stdout exactly as printed, and hands each finished line to <see cref="ReadLineAsync"/> as it comes.</summary>
        private async Task PumpAsync()
        {
            var buffer = new char[4096];
            var line = new StringBuilder();
            int read;
            while ((read = await _process.StandardOutput.ReadAsync(buffer)) > 0)
            {
                lock (_stdout) _stdout.Append(buffer, 0, read);
                foreach (var c in buffer.AsSpan(0, read))
                {
                    if (c != '\n') { line.Append(c); continue; }
                    _lines.Writer.TryWrite(line.ToString());
                    line.Clear();
                }
            }
            if (line.Length > 0) _lines.Writer.TryWrite(line.ToString());
            _lines.Writer.TryComplete();
        }

        /// <summary>The next line on stdout, or null once ferry has exited and every line was read.</summary>
        public async Task<string?> ReadLineAsync(TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            try { return await _lines.Reader.ReadAsync(cancel.Token); }
            catch (ChannelClosedException) { return null; }
        }

        /// <summary>
        /// Asks ferry to stop as a service manager does (SIGTERM), which ferry treats as Ctrl-C. Not SIGINT itself: a
        /// process started from a script's background job (as CI runs the tests) inherits SIGINT ignored.
        /// </summary>
        public void Stop()
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            kill.WaitForExit();
        }

        public async Task<Result> WaitAsync(TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            await _process.WaitForExitAsync(cancel.Token);
            await _pump;
            var stderr = await _stderr;
            lock (_stdout) return new Result(_process.ExitCode, _stdout.ToString(), stderr);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }
}

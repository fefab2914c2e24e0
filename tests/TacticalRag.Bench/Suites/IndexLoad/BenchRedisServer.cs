using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TacticalRag.Bench.Hosting;

namespace TacticalRag.Bench.Suites.IndexLoad;

/// <summary>
/// A fresh <c>redis-server</c> on a free loopback port, without persistence, in its own temporary folder; killed on
/// dispose. Fresh per measurement, so neither stored vectors nor the embedding cache can carry over between runs.
/// </summary>
public sealed class BenchRedisServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly StringBuilder _output = new();
    private readonly Process _process;

    private BenchRedisServer(int port, string directory, Process process)
    {
        _directory = directory;
        Port = port;
        _process = process;
        // Read what it prints, so a full pipe can never stall it, and keep it for error messages.
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary>For StackExchange.Redis; timeouts generous enough for 100k-chunk pipelines on a slow machine.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=5000,syncTimeout=60000,asyncTimeout=60000";

    public static async Task<BenchRedisServer> StartAsync(CancellationToken cancellationToken)
    {
        var port = FreeLoopbackPort();
        var directory = Directory.CreateTempSubdirectory("trag-bench-redis-").FullName;
        var server = new BenchRedisServer(port, directory, Start(port, directory));
        try
        {
            await WaitFor.ConditionAsync(server.AnswersPingAsync, $"redis-server answers PING on port {port}", TimeSpan.FromSeconds(15), cancellationToken);
            return server;
        }
        catch (TimeoutException)
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>CPU time redis-server has used so far: its share of a run's cost, which the bench process's own counters miss.</summary>
    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>What redis-server said, for an error message when it misbehaves.</summary>
    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static Process Start(int port, string directory)
    {
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("redis-server is not on PATH; install it (apt-get install redis-server).", ex);
        }
    }

    private async Task<bool> AnswersPingAsync()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"redis-server exited with {_process.ExitCode}: {Output()}");
        }
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var reply = new byte[7];
            var read = await stream.ReadAsync(reply, timeout.Token);
            return Encoding.ASCII.GetString(reply, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false; // not listening yet
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

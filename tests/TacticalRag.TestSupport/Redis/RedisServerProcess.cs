using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TacticalRag.TestSupport.Redis;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, without snapshots, in its own temporary folder; killed on
/// dispose. <see cref="StopAsync"/> and <see cref="StartAsync"/> take Redis away and bring it back on the same port.
/// Shared by the tests (as a fixture) and the bench (fresh per measurement).
/// </summary>
public sealed class RedisServerProcess(bool durable = false) : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly string _directory = Directory.CreateTempSubdirectory("trag-redis-").FullName;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public int Port { get; } = FreeLoopbackPort();

    /// <summary>
    /// Durable: every write is appended and fsynced before Redis acknowledges it, so a killed server restarts with
    /// everything it acknowledged (what a production Redis with <c>appendfsync always</c> promises).
    /// </summary>
    public bool Durable { get; } = durable;

    /// <summary>For StackExchange.Redis; abortConnect=false so a client outlives a stopped server and reconnects.</summary>
    public string ConnectionString => ConnectionStringWith(TimeSpan.FromSeconds(5));

    /// <summary>The connection string with longer command timeouts (the bench's 100k-chunk pipelines on a slow machine).</summary>
    public string ConnectionStringWith(TimeSpan commandTimeout)
    {
        var ms = (int)commandTimeout.TotalMilliseconds;
        return $"127.0.0.1:{Port},abortConnect=false,connectTimeout={Math.Min(ms, 5000)},syncTimeout={ms},asyncTimeout={ms}";
    }

    /// <summary>CPU time redis-server has used so far: its share of a run's cost, which the caller's own counters miss.</summary>
    public TimeSpan Cpu
    {
        get
        {
            if (_process is null) return TimeSpan.Zero;
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Starts a fresh server and waits until it answers PING.</summary>
    public static async Task<RedisServerProcess> StartNewAsync(CancellationToken cancellationToken = default)
    {
        var server = new RedisServerProcess();
        try
        {
            await server.StartAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("This redis-server is already running.");
        }
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--dir", _directory },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in Durable ? ["--appendonly", "yes", "--appendfsync", "always"] : new[] { "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("redis-server is not on PATH; install it (apt-get install redis-server, see eng/test.sh).", ex);
        }
        // Read what it prints, so a full pipe can never stall it, and keep it for error messages.
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForPongAsync(cancellationToken);
    }

    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>What redis-server said, for an error message when it misbehaves.</summary>
    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private async Task WaitForPongAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"redis-server exited with {_process.ExitCode}: {Output()}");
            }
            if (await AnswersPingAsync())
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"redis-server on port {Port} did not answer PING within {StartTimeout}: {Output()}");
            }
            await Task.Delay(50, cancellationToken);
        }
    }

    private async Task<bool> AnswersPingAsync()
    {
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

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

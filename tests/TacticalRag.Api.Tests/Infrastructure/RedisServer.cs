using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TacticalRag.Api.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, without persistence, in its own temporary folder; killed on
/// dispose. Usable as a class or collection fixture; <see cref="StopAsync"/> and <see cref="StartAsync"/> let a test
/// take Redis away and bring it back on the same port.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
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
    public bool Durable { get; init; }

    /// <summary>For StackExchange.Redis; abortConnect=false so a client outlives a stopped server and reconnects.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=5000,asyncTimeout=5000";

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("This redis-server is already running.");
        }
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--dir", _directory },
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
            throw new InvalidOperationException("redis-server is not on PATH; install it (apt-get install redis-server, see eng/).", ex);
        }
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForPongAsync();
    }

    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task WaitForPongAsync()
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
            await Task.Delay(50);
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
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
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

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

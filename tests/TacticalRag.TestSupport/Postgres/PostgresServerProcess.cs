using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace TacticalRag.TestSupport.Postgres;

/// <summary>
/// A real PostgreSQL (Debian's, with the pgvector extension eng/install-pgvector.sh builds) in a throwaway cluster on
/// a free loopback port, without fsync (tests and the bench need no crash durability of the host); killed and deleted
/// on dispose. Each test takes a database of its own (<see cref="CreateDatabaseAsync"/>). As root, the server runs as
/// the <c>postgres</c> user, as PostgreSQL requires.
/// </summary>
public sealed class PostgresServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const string ServiceUser = "postgres";

    private readonly string _directory = Directory.CreateTempSubdirectory("trag-postgres-").FullName;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public int Port { get; } = FreeLoopbackPort();

    /// <summary>The server's maintenance database.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    public string ConnectionStringFor(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=15;Command Timeout=300";

    private static bool RunsAsRoot => !OperatingSystem.IsWindows() && Environment.IsPrivilegedProcess;

    private string DataPath => Path.Combine(_directory, "data");

    public static async Task<PostgresServerProcess> StartNewAsync(CancellationToken cancellationToken = default)
    {
        var server = new PostgresServerProcess();
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

    /// <summary>Makes the cluster the first time, then starts the server and waits until it accepts connections.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("This PostgreSQL is already running.");
        }
        var bin = FindBin();
        if (!File.Exists(Path.Combine(DataPath, "PG_VERSION")))
        {
            if (RunsAsRoot)
            {
                await RunAsync("chown", [$"{ServiceUser}:{ServiceUser}", _directory], cancellationToken);
            }
            await RunAsync(Launcher(Path.Combine(bin, "initdb")), [.. LauncherPrefix(Path.Combine(bin, "initdb")),
                "-D", DataPath, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-instructions"], cancellationToken);
        }
        var server = Path.Combine(bin, "postgres");
        var start = new ProcessStartInfo(Launcher(server))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[.. LauncherPrefix(server),
            "-D", DataPath, "-p", Port.ToString(CultureInfo.InvariantCulture), "-h", "127.0.0.1", "-k", "",
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300",
            "-c", "shared_buffers=256MB", "-c", "maintenance_work_mem=512MB"])
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("postgres did not start.");
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilAcceptingAsync(cancellationToken);
    }

    /// <summary>A new empty database (the library schema is the API's to make); returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = $"t_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"create database {name} strategy file_copy", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionStringFor(name);
    }

    /// <summary>Kills the server (as a crash would); <see cref="StartAsync"/> brings it back on the same port and data.</summary>
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
        NpgsqlConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a child process still closing a file: the temp folder is swept by the OS
        }
    }

    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static string FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "postgres")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault() ?? throw new InvalidOperationException("No PostgreSQL under /usr/lib/postgresql (see eng/test.sh).")
            : throw new InvalidOperationException("PostgreSQL is not installed (see eng/test.sh).");

    private static string Launcher(string program) => RunsAsRoot ? "setpriv" : program;

    private static string[] LauncherPrefix(string program) =>
        RunsAsRoot ? ["--reuid", ServiceUser, "--regid", ServiceUser, "--init-groups", "--", program] : [];

    private async Task WaitUntilAcceptingAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"postgres exited with {_process.ExitCode}: {Output()}");
            }
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException or IOException)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"PostgreSQL on port {Port} did not accept connections within {StartTimeout}: {Output()}", ex);
                }
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private static async Task RunAsync(string command, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"'{command}' could not be started.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command} {string.Join(' ', args)}' failed ({process.ExitCode}): {await errors} {await output}");
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

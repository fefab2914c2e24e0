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
/// the <c>postgres</c> user, as PostgreSQL requires. A process that ends without disposing (SIGTERM, an unhandled
/// exception) still stops its servers on the way out; one killed outright (SIGKILL) leaves its cluster's folder with
/// its own id in it, and the next start of any server sweeps servers whose owner is gone.
/// </summary>
public sealed class PostgresServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const string ServiceUser = "postgres";
    private const string FolderPrefix = "trag-postgres-";
    private const string OwnerFile = "owner";

    /// <summary>Servers this process runs: stopped on process exit, should their owners not dispose them.</summary>
    private static readonly HashSet<PostgresServerProcess> s_running = [];

    static PostgresServerProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAllOnExit();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => StopAllOnExit();
    }

    private readonly string _directory = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
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
        SweepOrphans();
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
        await File.WriteAllTextAsync(Path.Combine(_directory, OwnerFile), OwnerStamp(Environment.ProcessId), cancellationToken);
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
        lock (s_running)
        {
            s_running.Add(this);
        }
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
        lock (s_running)
        {
            s_running.Remove(this);
        }
        NpgsqlConnection.ClearAllPools();
    }

    private static void StopAllOnExit()
    {
        PostgresServerProcess[] running;
        lock (s_running)
        {
            running = [.. s_running];
        }
        foreach (var server in running)
        {
            try
            {
                server._process?.Kill(entireProcessTree: true);
                Directory.Delete(server._directory, recursive: true);
            }
            catch (Exception exception) when (exception is InvalidOperationException or IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
            {
                // exiting anyway: the next start sweeps what is left
            }
        }
    }

    /// <summary>
    /// A process's id and start (clock ticks since boot, from /proc: exact, unlike a wall-clock start time computed
    /// from the boot time): an id the system has since given to another process does not match. Empty where unknown.
    /// </summary>
    private static string OwnerStamp(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return $"proc {processId} {fields[19]}";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return "";
        }
    }

    /// <summary>
    /// Stops and deletes the servers of processes that were killed before they could (SIGKILL, a crashed test host):
    /// clusters in the temp folder whose owner file names a process that is gone. The postmaster's id is the first
    /// line of its postmaster.pid.
    /// </summary>
    private static void SweepOrphans()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            try
            {
                var owner = Path.Combine(folder, OwnerFile);
                if (!File.Exists(owner))
                {
                    continue; // starting, or made before owner files: not ours to judge
                }
                var stamp = File.ReadAllText(owner).Trim().Split(' ');
                if (stamp is not ["proc", var id, _] || !int.TryParse(id, CultureInfo.InvariantCulture, out var ownerId))
                {
                    continue; // an owner this process cannot judge
                }
                if (OwnerStamp(ownerId) == string.Join(' ', stamp))
                {
                    continue; // its owner still runs
                }
                var postmaster = Path.Combine(folder, "data", "postmaster.pid");
                if (File.Exists(postmaster)
                    && int.TryParse(File.ReadLines(postmaster).FirstOrDefault(), CultureInfo.InvariantCulture, out var serverId))
                {
                    try
                    {
                        using var server = Process.GetProcessById(serverId);
                        server.Kill(entireProcessTree: true);
                        server.WaitForExit(TimeSpan.FromSeconds(10));
                    }
                    catch (ArgumentException)
                    {
                        // the server is gone too
                    }
                }
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // another process sweeping the same folder, or one we may not touch: leave it
            }
        }
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

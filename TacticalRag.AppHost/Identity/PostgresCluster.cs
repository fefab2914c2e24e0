using System.Diagnostics;
using Aspire.Hosting;

namespace TacticalRag.AppHost.Identity;

/// <summary>
/// Prepares the local server's data folder before each start: <c>initdb</c> the first time, and on later starts sets
/// the superuser's password to this run's (a password set anew must not lock the AppHost out of its own data); and
/// creates the application's database when it is missing, so its first client never meets "database does not exist".
/// Run as root, both run as the <c>postgres</c> user, who owns the folder.
/// </summary>
internal static class PostgresCluster
{
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Whether programs must drop to the <c>postgres</c> user (the server refuses to run as root).</summary>
    public static bool RunsAsRoot => !OperatingSystem.IsWindows() && Environment.IsPrivilegedProcess;

    /// <summary>The command and arguments that run <paramref name="program"/> as the service user where needed.</summary>
    public static (string Command, IReadOnlyList<string> Prefix) Launcher(string program) =>
        RunsAsRoot
            ? ("setpriv", ["--reuid", ServiceUser, "--regid", ServiceUser, "--init-groups", "--", program])
            : (program, []);

    public static async Task PrepareAsync(string server, string dataPath, string password, string database, CancellationToken cancellationToken)
    {
        await PrepareClusterAsync(server, dataPath, password, cancellationToken);
        await EnsureDatabaseAsync(server, dataPath, database, cancellationToken);
    }

    private static async Task PrepareClusterAsync(string server, string dataPath, string password, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataPath);
        if (RunsAsRoot)
        {
            await RunAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", dataPath], stdin: null, cancellationToken);
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dataPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (!File.Exists(Path.Combine(dataPath, "PG_VERSION")))
        {
            await InitializeAsync(server, dataPath, password, cancellationToken);
            return;
        }
        // Single-user mode reads commands from stdin; the password is generated without quotes or specials.
        var (command, prefix) = Launcher(server);
        await RunAsync(command, [.. prefix, "--single", "-D", dataPath, "postgres"],
            $"ALTER USER postgres WITH PASSWORD '{password.Replace("'", "''")}';\n", cancellationToken);
    }

    /// <summary>
    /// Creates <paramref name="database"/> in single-user mode (before the server listens) unless it exists: asked first,
    /// because CREATE DATABASE has no IF NOT EXISTS and cannot run inside a transaction block.
    /// </summary>
    private static async Task EnsureDatabaseAsync(string server, string dataPath, string database, CancellationToken cancellationToken)
    {
        var (command, prefix) = Launcher(server);
        string[] args = [.. prefix, "--single", "-D", dataPath, "postgres"];
        var literal = database.Replace("'", "''");
        var answer = await RunAsync(command, args, $"SELECT 'exists' AS found FROM pg_database WHERE datname = '{literal}';\n", cancellationToken);
        if (!answer.Contains("found = \"exists\"", StringComparison.Ordinal))
        {
            await RunAsync(command, args, $"CREATE DATABASE \"{database.Replace("\"", "\"\"")}\";\n", cancellationToken);
        }
    }

    private static async Task InitializeAsync(string server, string dataPath, string password, CancellationToken cancellationToken)
    {
        var passwordFile = Path.Combine(dataPath, "..", $".{Path.GetFileName(dataPath)}-pw-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        try
        {
            if (RunsAsRoot)
            {
                await RunAsync("chown", [$"{ServiceUser}:{ServiceUser}", passwordFile], stdin: null, cancellationToken);
            }
            var (command, prefix) = Launcher(PostgresInstallation.FindInitDb(server));
            // Passwords over TCP only (no Unix socket is opened); the C locale needs nothing installed.
            await RunAsync(command,
                [.. prefix, "-D", dataPath, "-U", "postgres", $"--pwfile={passwordFile}", "--auth=scram-sha-256",
                 "--encoding=UTF8", "--no-locale", "--no-instructions"],
                stdin: null, cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>Runs a command to its end and returns its standard output; a non-zero exit stops the AppHost.</summary>
    private static async Task<string> RunAsync(string command, IReadOnlyList<string> args, string? stdin, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_commandTimeout);
        using var process = Process.Start(start)
            ?? throw new DistributedApplicationException($"PostgreSQL: '{command}' could not be started.");
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new DistributedApplicationException(
                $"PostgreSQL: '{command} {string.Join(' ', args)}' failed ({process.ExitCode}): {(await errors).Trim()} {(await output).Trim()}");
        }
        return await output;
    }
}

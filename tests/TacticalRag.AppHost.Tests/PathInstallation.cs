namespace TacticalRag.AppHost.Tests;

/// <summary>
/// Commands "installed" on a PATH of their own (shell scripts) for as long as a test or fixture needs them. The
/// AppHost looks model servers up on PATH; DCP, started later by the app, inherits the same PATH to run them.
/// Tests in this assembly run one at a time (AssemblyInfo.cs), so the change reaches no other test.
/// </summary>
internal sealed class PathInstallation : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tacticalrag-path-").FullName;
    private readonly string? _originalPath = Environment.GetEnvironmentVariable("PATH");

    public PathInstallation(IReadOnlyDictionary<string, string> scripts)
    {
        foreach (var (command, script) in scripts)
        {
            var file = Path.Combine(_directory, OperatingSystem.IsWindows() ? command + ".cmd" : command);
            File.WriteAllText(file, script);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        Environment.SetEnvironmentVariable("PATH", _directory + Path.PathSeparator + _originalPath);
    }

    /// <summary>Commands that exist and do nothing: enough for checks that only look them up.</summary>
    public static PathInstallation Empty(params string[] commands) =>
        new(commands.ToDictionary(command => command, _ => "#!/bin/sh\n"));

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("PATH", _originalPath);
        Directory.Delete(_directory, recursive: true);
    }
}

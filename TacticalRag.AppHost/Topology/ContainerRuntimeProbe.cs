using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace TacticalRag.AppHost.Topology;

/// <summary>
/// Finds a container runtime that can actually run containers, the way DCP does (<c>container ls</c> must
/// succeed), but bounded in time: a CLI without its daemon (Docker here) fails in milliseconds.
/// </summary>
public static class ContainerRuntimeProbe
{
    public const string Docker = "docker";
    public const string Podman = "podman";

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private static readonly Lazy<string?> FirstHealthyRuntime = new(() => new[] { Docker, Podman }.FirstOrDefault(IsHealthy));

    /// <summary>The runtime named in configuration, under the keys DCP itself reads; null when none is.</summary>
    public static string? ConfiguredRuntime(IConfiguration configuration) =>
        new[] { "DcpPublisher:ContainerRuntime", "ASPIRE_CONTAINER_RUNTIME", "DOTNET_ASPIRE_CONTAINER_RUNTIME" }
            .Select(key => configuration[key])
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));

    /// <summary>Docker, else Podman, whichever answers first; probed once per process.</summary>
    public static string? FindHealthyRuntime() => FirstHealthyRuntime.Value;

    public static bool IsHealthy(string runtime)
    {
        var startInfo = new ProcessStartInfo(runtime, ["container", "ls", "-n", "1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var process = Process.Start(startInfo);
            if (process is null)
            {
                return false;
            }
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(ProbeTimeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            // Not installed: the CLI is not on PATH.
            return false;
        }
    }
}

using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;

namespace TacticalRag.Bench.Reporting;

/// <summary>The header every report starts with: figures mean little without the machine and runtime they came from.</summary>
public static class MachineReport
{
    public static string Describe(string suite)
    {
        var text = new StringBuilder();
        text.AppendLine($"# TacticalRag benchmark: {suite}");
        text.AppendLine();
        text.AppendLine($"- Date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine($"- Machine: {Environment.ProcessorCount} logical cores{CpuModel()}, {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})");
        text.Append(LoadAverage());
        text.AppendLine($"- Runtime: {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {BuildConfiguration} build");
        return text.ToString();
    }

    private static string BuildConfiguration =>
#if DEBUG
        "Debug (figures not representative: use -c Release)";
#else
        "Release";
#endif

    /// <summary>Other work on the machine skews every figure; Linux says how busy it was over the last minutes.</summary>
    private static string LoadAverage()
    {
        const string loadAverage = "/proc/loadavg";
        if (!File.Exists(loadAverage))
        {
            return "";
        }
        var fields = File.ReadAllText(loadAverage).Split(' ');
        return $"- Load average at start (1, 5, 15 min): {fields[0]}, {fields[1]}, {fields[2]}{Environment.NewLine}";
    }

    /// <summary>The CPU's name where the OS tells it cheaply (Linux); elsewhere nothing.</summary>
    private static string CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo))
        {
            return "";
        }
        var line = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? "" : $" ({line[(line.IndexOf(':') + 1)..].Trim()})";
    }
}

namespace TacticalRag.Bench.Suites.Ingestion;

/// <summary>The load average now (Linux), for the end of a report: the start's alone hides a neighbour that began mid-run.</summary>
public static class MachineLoad
{
    public static string Now()
    {
        const string loadAverage = "/proc/loadavg";
        if (!File.Exists(loadAverage))
        {
            return "not available";
        }
        var fields = File.ReadAllText(loadAverage).Split(' ');
        return $"{fields[0]}, {fields[1]}, {fields[2]}";
    }
}

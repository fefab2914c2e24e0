namespace TacticalRag.Api.Tests.Telemetry;

/// <summary>
/// Tests that read what the API exports run alone: ActivitySources are process-wide, so a tracer in one test host
/// also sees the spans of every other host running in the same test process.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TacticalRag.ServiceDefaults;

/// <summary>The names of TacticalRag's own ActivitySource and Meter, registered with OpenTelemetry by the service defaults.</summary>
public static class TacticalRagTelemetry
{
    public const string Name = "TacticalRag";

    /// <summary>The one ActivitySource every TacticalRag span comes from.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);
}

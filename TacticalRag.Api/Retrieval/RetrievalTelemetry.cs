using System.Diagnostics.Metrics;
using TacticalRag.ServiceDefaults;

namespace TacticalRag.Api.Retrieval;

/// <summary>Retrieval's metrics on the <c>TacticalRag</c> meter.</summary>
public sealed class RetrievalTelemetry
{
    private readonly Histogram<double> _duration;

    public RetrievalTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(TacticalRagTelemetry.Name);
        _duration = meter.CreateHistogram<double>(
            "tacticalrag.retrieval.duration", unit: "s", description: "Time to plan, embed, search and fuse one query.");
    }

    public void Completed(string strategy, string mode, TimeSpan elapsed) =>
        _duration.Record(elapsed.TotalSeconds, new("strategy", strategy), new("mode", mode));
}

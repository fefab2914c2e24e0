using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using TacticalRag.Api.ModelServerKit;
using TacticalRag.Api.Retrieval;
using TacticalRag.ServiceDefaults;

namespace TacticalRag.Api.Reranking;

/// <summary>The reranker's metrics on the <c>TacticalRag</c> meter.</summary>
internal sealed class RerankTelemetry
{
    public const string Reranked = "reranked";

    private readonly Counter<long> _reranks;
    private readonly Histogram<double> _duration;

    public RerankTelemetry(IMeterFactory meterFactory, RerankerState state, IOptions<RerankerOptions> options)
    {
        var meter = meterFactory.Create(TacticalRagTelemetry.Name);
        _reranks = meter.CreateCounter<long>(
            "tacticalrag.rerank.requests", description: "Searches a configured reranker ordered (outcome reranked) or was skipped for, by reason.");
        _duration = meter.CreateHistogram<double>(
            "tacticalrag.rerank.duration", unit: "s", description: "Time of one call to the reranker, failed calls included.");
        if (options.Value.IsConfigured)
        {
            meter.CreateObservableGauge("tacticalrag.rerank.up", () => state.Current.Availability == ModelServerAvailability.Up ? 1 : 0,
                description: "1 when the reranker's last probe or request succeeded.");
        }
    }

    public void Skipped(RerankSkipReason reason) => _reranks.Add(1, new KeyValuePair<string, object?>("outcome", reason.ToTag()));

    public void Called(string outcome, TimeSpan elapsed)
    {
        _reranks.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }
}

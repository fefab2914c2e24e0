using System.Text.Json.Serialization;

namespace TacticalRag.AppHost.Ollama;

/// <summary>One NDJSON line of <c>POST /api/pull</c>: a status, per-layer byte counts, or an error.</summary>
public sealed record OllamaPullLine(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("digest")] string? Digest,
    [property: JsonPropertyName("total")] long? Total,
    [property: JsonPropertyName("completed")] long? Completed,
    [property: JsonPropertyName("error")] string? Error);

/// <summary>
/// Adds up the layers of a pull into one percentage: Ollama reports bytes per layer (digest), and a model is
/// one large layer plus a few small ones, so the sum over the layers seen so far is what a person wants to see.
/// </summary>
public sealed class OllamaPullProgress(string model)
{
    private readonly Dictionary<string, (long Total, long Completed)> _layers = [];

    public string Model { get; } = model;

    public string? LastStatus { get; private set; }

    /// <summary>Percent of the bytes seen so far, or null before any layer has reported a size.</summary>
    public int? Percent
    {
        get
        {
            var total = _layers.Values.Sum(layer => layer.Total);
            return total <= 0 ? null : (int)(100 * _layers.Values.Sum(layer => layer.Completed) / total);
        }
    }

    public bool Succeeded => LastStatus == "success";

    /// <summary>The resource state to show, e.g. <c>Pulling llama3.1:8b 42%</c>.</summary>
    public string StateText => Percent is { } percent ? $"Pulling {Model} {percent}%" : $"Pulling {Model}";

    public void Apply(OllamaPullLine line)
    {
        LastStatus = line.Status ?? LastStatus;
        if (line.Digest is { Length: > 0 } digest && line.Total is > 0 and var total)
        {
            _layers[digest] = (total, Math.Min(line.Completed ?? 0, total));
        }
    }
}

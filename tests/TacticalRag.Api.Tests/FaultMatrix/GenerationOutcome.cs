using System.Net;
using System.Text.Json;
using TacticalRag.Api.Tests.Infrastructure;

namespace TacticalRag.Api.Tests.FaultMatrix;

/// <summary>What a caller got from one generating endpoint: the status, the body, and for a stream its events.</summary>
public sealed record GenerationOutcome(GeneratingEndpoint Endpoint, HttpStatusCode Status, string? MediaType, string? Body, StreamResult? Stream)
{
    public bool IsStream => Endpoint.IsStreaming();

    public bool IsAsk => Endpoint is GeneratingEndpoint.Ask or GeneratingEndpoint.AskStream;

    /// <summary>The backend named by the answer (or the stream's <c>done</c>); a description of what came instead when there is none.</summary>
    public string ServedBy() =>
        Status != HttpStatusCode.OK ? $"HTTP {(int)Status}"
        : IsStream ? Stream!.Last("done")?.GetProperty("backend").GetString() ?? "no done event"
        : Json.GetProperty("backend").GetString() ?? "null";

    public JsonElement Json => JsonDocument.Parse(Body ?? Stream?.Body ?? "null").RootElement.Clone();

    public override string ToString() =>
        $"{Endpoint}: {(int)Status} {MediaType} {Body ?? Stream?.Body ?? string.Join(" | ", Stream?.Events.Select(e => $"{e.Event} {e.Data}") ?? [])}";
}

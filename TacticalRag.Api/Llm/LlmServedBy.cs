using Microsoft.Extensions.AI;

namespace TacticalRag.Api.Llm;

/// <summary>Which backend produced a response, carried in the response's additional properties.</summary>
public sealed record LlmServedBy(string Backend, string Model, bool Fallback)
{
    internal const string PropertyName = "tacticalrag.served_by";

    public static LlmServedBy? From(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(PropertyName, out var value) ? value as LlmServedBy : null;
}

public static class LlmServedByExtensions
{
    public static LlmServedBy? GetServedBy(this ChatResponse response) => LlmServedBy.From(response.AdditionalProperties);

    public static LlmServedBy? GetServedBy(this ChatResponseUpdate update) => LlmServedBy.From(update.AdditionalProperties);

    internal static void SetServedBy(this ChatResponseUpdate update, LlmServedBy servedBy) =>
        (update.AdditionalProperties ??= [])[LlmServedBy.PropertyName] = servedBy;
}

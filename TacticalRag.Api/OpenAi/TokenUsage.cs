using Microsoft.Extensions.AI;

namespace TacticalRag.Api.OpenAi;

/// <summary>
/// Usage as the backend reported it, or estimated where it did not (a retrieval-only answer, a cached one, a backend
/// that sends no counts): about four characters a token, the rule of thumb for English with Llama-style tokenizers.
/// </summary>
internal static class TokenUsage
{
    public static int Estimate(string? text) => EstimateCharacters(text?.Length ?? 0);

    public static int EstimateCharacters(int characters) => characters == 0 ? 0 : Math.Max(1, (characters + 3) / 4);

    public static int Estimate(IEnumerable<ChatMessage> messages) => messages.Sum(m => Estimate(m.Text) + 4); // role and framing per message

    public static Usage From(UsageDetails? reported, int promptEstimate, string completion)
    {
        var prompt = (int?)reported?.InputTokenCount ?? promptEstimate;
        var output = (int?)reported?.OutputTokenCount ?? Estimate(completion);
        return new Usage(prompt, output, prompt + output);
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Answering;
using TacticalRag.Api.Common;
using TacticalRag.Api.Llm;

namespace TacticalRag.Api.OpenAi;

/// <summary>Reads and checks a chat completion request against OpenAI's rules and this API's limits.</summary>
public sealed class ChatRequestReader(
    OpenAiModels models, IOptions<LlmOptions> llm, IOptions<AnsweringOptions> answering, IOptions<OpenAiOptions> openAi)
{
    private const int MaxStopSequences = 4;

    public async Task<BodyRead<ParsedChatRequest, JsonHttpResult<ErrorBody>>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!(await OpenAiJsonBody.ReadAsync(request, OpenAiJsonContext.Default.ChatCompletionRequest, cancellationToken)).TryGetValue(out var body, out var error))
        {
            return Refused(error);
        }
        if (string.IsNullOrWhiteSpace(body.Model))
        {
            return Refused(OpenAiErrors.BadRequest("'model' is required; GET /v1/models lists the models served here.", "model"));
        }
        switch (models.Find(body.Model))
        {
            case null:
                return Refused(OpenAiErrors.ModelNotFound(body.Model));
            case OpenAiModelKind.Embedding:
                return Refused(OpenAiErrors.BadRequest($"`{body.Model}` is an embedding model; use POST /v1/embeddings.", "model", "model_not_supported"));
        }
        var kind = models.Find(body.Model)!.Value;
        var (messages, messageError, param) = ChatMessageReader.Read(body.Messages);
        if (messages is null)
        {
            return Refused(OpenAiErrors.BadRequest(messageError!, param));
        }
        if (Check(body, messages, kind) is { } invalid)
        {
            return Refused(invalid);
        }
        var (stop, stopError) = ReadStop(body.Stop);
        if (stopError is not null)
        {
            return Refused(OpenAiErrors.BadRequest(stopError, "stop"));
        }
        var options = new ChatOptions
        {
            Temperature = body.Temperature,
            TopP = body.TopP,
            MaxOutputTokens = body.MaxCompletionTokens ?? body.MaxTokens,
            StopSequences = stop,
        };
        return BodyRead<ParsedChatRequest, JsonHttpResult<ErrorBody>>.Of(
            new ParsedChatRequest(body.Model, kind, messages, options, body.Stream == true, body.StreamOptions?.IncludeUsage == true));
    }

    private static BodyRead<ParsedChatRequest, JsonHttpResult<ErrorBody>> Refused(JsonHttpResult<ErrorBody> error) =>
        BodyRead<ParsedChatRequest, JsonHttpResult<ErrorBody>>.Refused(error);

    private JsonHttpResult<ErrorBody>? Check(ChatCompletionRequest body, List<ChatMessage> messages, OpenAiModelKind kind)
    {
        var limits = llm.Value;
        if (body.N is { } n && n != 1)
            return OpenAiErrors.BadRequest($"n = {n} is not supported: this API returns exactly one choice (n = 1).", "n");
        if (body.Temperature is { } temperature && (float.IsNaN(temperature) || temperature is < 0 or > 2))
            return OpenAiErrors.BadRequest($"temperature must be between 0 and 2, got {temperature}.", "temperature");
        if (body.TopP is { } topP && (float.IsNaN(topP) || topP is < 0 or > 1))
            return OpenAiErrors.BadRequest($"top_p must be between 0 and 1, got {topP}.", "top_p");
        foreach (var (name, value) in new[] { ("max_tokens", body.MaxTokens), ("max_completion_tokens", body.MaxCompletionTokens) })
        {
            if (value is { } tokens && (tokens < 1 || tokens > limits.MaxTokensLimit))
                return OpenAiErrors.BadRequest($"{name} must be between 1 and {limits.MaxTokensLimit}, got {tokens}.", name);
        }
        if (body.StreamOptions is not null && body.Stream != true)
            return OpenAiErrors.BadRequest("stream_options is only allowed when stream is true.", "stream_options");
        if (kind == OpenAiModelKind.GatewayChat)
        {
            var chars = messages.Sum(m => m.Text.Length);
            return chars > limits.MaxPromptChars
                ? OpenAiErrors.BadRequest($"The messages hold {chars} characters; the limit is {limits.MaxPromptChars}.", "messages", "context_length_exceeded")
                : null;
        }
        var total = messages.Sum(m => m.Text.Length);
        if (total > openAi.Value.MaxConversationChars)
            return OpenAiErrors.BadRequest(
                $"The messages hold {total} characters together; the limit for `tacticalrag` is {openAi.Value.MaxConversationChars} ({OpenAiOptions.SectionName}:{nameof(OpenAiOptions.MaxConversationChars)}).",
                "messages", "context_length_exceeded");
        var question = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text;
        if (string.IsNullOrWhiteSpace(question))
            return OpenAiErrors.BadRequest("Model `tacticalrag` answers the last user message; it must be there and not blank.", "messages");
        var maxChars = answering.Value.MaxQuestionChars;
        return question.Length > maxChars
            ? OpenAiErrors.BadRequest($"The question (the last user message) is {question.Length} characters; the limit is {maxChars}.", "messages", "context_length_exceeded")
            : null;
    }

    private static (IList<string>? Stop, string? Error) ReadStop(JsonElement stop)
    {
        if (!JsonText.IsValidUtf8(stop))
        {
            return (null, "stop is not valid UTF-8 text.");
        }
        switch (stop.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return (null, null);
            case JsonValueKind.String:
                return ([stop.GetString()!], null);
            case JsonValueKind.Array when stop.GetArrayLength() <= MaxStopSequences
                && stop.EnumerateArray().All(s => s.ValueKind == JsonValueKind.String && s.GetString()!.Length > 0):
                return (stop.EnumerateArray().Select(s => s.GetString()!).ToList(), null);
            default:
                return (null, $"stop must be a string or an array of up to {MaxStopSequences} non-empty strings.");
        }
    }
}

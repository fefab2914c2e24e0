using System.Runtime.InteropServices;
using System.Text.Json;

namespace TacticalRag.ModelServerSim;

/// <summary>
/// The two embedding wire formats: Ollama's <c>POST /api/embed</c> (model <see cref="SimulatorOptions.OllamaModel"/>,
/// which must be pulled) and the OpenAI-compatible <c>POST /v1/embeddings</c> that vLLM and text-embeddings-inference
/// serve (model <see cref="SimulatorOptions.EmbeddingModel"/>), both with <see cref="SimulatedEmbedding"/>'s vectors and
/// the faults their generation endpoints have.
/// </summary>
internal static class EmbeddingEndpoints
{
    public static void MapEmbeddings(this IEndpointRouteBuilder app, SimulatorState state)
    {
        app.MapPost("/api/embed", context => OllamaEmbedAsync(context, state));
        app.MapPost("/v1/embeddings", context => OpenAiEmbeddingsAsync(context, state));
    }

    private static async Task OllamaEmbedAsync(HttpContext context, SimulatorState state)
    {
        if (await OllamaErrors.TryWriteFaultAsync(context, state.Fault))
        {
            return;
        }
        var (request, error) = await SimJson.ReadRequestAsync<OllamaEmbedRequest>(context, SimJson.Ollama);
        if (request is null)
        {
            await OllamaErrors.WriteAsync(context, StatusCodes.Status400BadRequest, error);
            return;
        }
        if (string.IsNullOrEmpty(request.Model))
        {
            await OllamaErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "model is required");
            return;
        }
        if (!state.HasOllamaModel(request.Model))
        {
            await OllamaErrors.ModelNotPulledAsync(context, request.Model);
            return;
        }
        if (Inputs(request.Input) is not { } inputs)
        {
            await OllamaErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "invalid input type");
            return;
        }
        var options = state.Options;
        if (request.Truncate == false && inputs.FirstOrDefault(i => SimulatedEmbedding.CountWords(i) > options.EmbeddingContextWords) is not null)
        {
            await OllamaErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "the input length exceeds the context length");
            return;
        }
        if (request.Dimensions is { } wanted && (wanted < 1 || wanted > options.EmbeddingDimensions))
        {
            await OllamaErrors.WriteAsync(context, StatusCodes.Status400BadRequest, $"dimensions must be between 1 and {options.EmbeddingDimensions}");
            return;
        }

        var vectors = inputs.Select(i => Vector(i, request.Dimensions, options)).ToList();
        var words = inputs.Sum(i => Math.Min(SimulatedEmbedding.CountWords(i), options.EmbeddingContextWords));
        var body = new OllamaEmbedResponse(request.Model, vectors, TotalDuration: 14_143_917, LoadDuration: 1_019_500, PromptEvalCount: words);
        await JsonAnswer.WriteGenerationAsync(context, state, JsonSerializer.SerializeToUtf8Bytes(body, SimJson.Ollama), tokens: 1);
    }

    private static async Task OpenAiEmbeddingsAsync(HttpContext context, SimulatorState state)
    {
        if (await VllmErrors.TryWriteFaultAsync(context, state.Fault))
        {
            return;
        }
        var (request, error) = await SimJson.ReadRequestAsync<OpenAiEmbeddingRequest>(context, SimJson.Vllm);
        if (request is null)
        {
            await VllmErrors.WriteAsync(context, StatusCodes.Status400BadRequest, error);
            return;
        }
        if (!state.ServesEmbeddingModel(request.Model))
        {
            await VllmErrors.ModelNotFoundAsync(context, request.Model);
            return;
        }
        if (Inputs(request.Input) is not { Count: > 0 } inputs)
        {
            await VllmErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "input must be a non-empty string or list of strings", "input");
            return;
        }
        if (request.EncodingFormat is not (null or "float" or "base64"))
        {
            await VllmErrors.WriteAsync(context, StatusCodes.Status400BadRequest,
                $"Input should be 'float' or 'base64' (encoding_format: '{request.EncodingFormat}')", "encoding_format");
            return;
        }
        var options = state.Options;
        if (request.Dimensions is not null && !options.EmbeddingMatryoshka)
        {
            await VllmErrors.WriteAsync(context, StatusCodes.Status400BadRequest,
                $"Model \"{options.EmbeddingModel}\" does not support matryoshka representation, changing output dimensions will lead to poor results.", "dimensions");
            return;
        }
        if (request.Dimensions is { } wanted && (wanted < 1 || wanted > options.EmbeddingDimensions))
        {
            await VllmErrors.WriteAsync(context, StatusCodes.Status400BadRequest,
                $"dimensions must be between 1 and {options.EmbeddingDimensions} for {options.EmbeddingModel}", "dimensions");
            return;
        }

        var base64 = request.EncodingFormat == "base64";
        var data = inputs
            .Select((input, index) =>
            {
                var vector = Vector(input, request.Dimensions, options);
                return new OpenAiEmbeddingItem(index, base64 ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())) : vector);
            })
            .ToList();
        var tokens = inputs.Sum(i => Math.Min(SimulatedEmbedding.CountWords(i), options.EmbeddingContextWords));
        var body = new OpenAiEmbeddingList($"embd-{Guid.NewGuid():N}", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), options.EmbeddingModel, data,
            new OpenAiEmbeddingUsage(tokens, tokens));
        await JsonAnswer.WriteGenerationAsync(context, state, JsonSerializer.SerializeToUtf8Bytes(body, SimJson.Vllm), tokens: 1);
    }

    private static float[] Vector(string input, int? dimensions, SimulatorOptions options)
    {
        var vector = SimulatedEmbedding.Embed(input, options.EmbeddingDimensions, options.EmbeddingContextWords);
        return dimensions is { } wanted && wanted < vector.Length ? SimulatedEmbedding.Shorten(vector, wanted) : vector;
    }

    /// <summary>A string is one input, an array of strings several; anything else is not an input.</summary>
    private static List<string>? Inputs(JsonElement input) => input.ValueKind switch
    {
        JsonValueKind.String => [input.GetString()!],
        JsonValueKind.Array when input.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String) =>
            input.EnumerateArray().Select(i => i.GetString()!).ToList(),
        _ => null,
    };
}

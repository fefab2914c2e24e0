using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace TacticalRag.Api.OpenAi;

/// <summary>
/// <c>POST /v1/embeddings</c> on the API's own embedder (the one the library is indexed with), so a client can embed text
/// into the library's space. Texts are embedded as given: the query prefix some models want is the caller's to add.
/// </summary>
internal static class EmbeddingsEndpoint
{
    public static async Task<Results<JsonHttpResult<EmbeddingList>, JsonHttpResult<ErrorBody>>> CreateAsync(
        HttpRequest request, OpenAiModels models, IEmbeddingGenerator<string, Embedding<float>> embedder,
        IOptions<OpenAiOptions> options, CancellationToken cancellationToken)
    {
        if (!(await OpenAiJsonBody.ReadAsync(request, OpenAiJsonContext.Default.EmbeddingRequest, cancellationToken)).TryGetValue(out var body, out var error))
        {
            return error;
        }
        var model = models.EmbeddingModel;
        if (string.IsNullOrWhiteSpace(body.Model))
            return OpenAiErrors.BadRequest($"'model' is required: {model.Name} or {OpenAiModels.EmbedAlias}.", "model");
        if (models.Find(body.Model) is not { } kind)
            return OpenAiErrors.ModelNotFound(body.Model);
        if (kind != OpenAiModelKind.Embedding)
            return OpenAiErrors.BadRequest($"`{body.Model}` is a chat model; embed with {model.Name} or {OpenAiModels.EmbedAlias}.", "model", "model_not_supported");
        if (body.EncodingFormat is not (null or "float" or "base64"))
            return OpenAiErrors.BadRequest($"encoding_format must be float or base64, got '{body.EncodingFormat}'.", "encoding_format");
        if (body.Dimensions is { } dimensions && dimensions != model.Dimensions)
            return OpenAiErrors.BadRequest($"{model.Name} makes {model.Dimensions}-dimensional vectors and cannot shorten them; omit dimensions or send {model.Dimensions}.", "dimensions");
        var (inputs, inputError) = ReadInputs(body.Input, options.Value);
        if (inputs is null)
            return OpenAiErrors.BadRequest(inputError!, "input");

        GeneratedEmbeddings<Embedding<float>> embeddings;
        try
        {
            embeddings = await embedder.GenerateAsync(inputs, cancellationToken: cancellationToken);
        }
        catch (Embeddings.EmbeddingServerException exception)
        {
            // The served embedder is down or failing: the caller may try again later, as with no chat backend.
            request.HttpContext.Response.Headers.RetryAfter = "5";
            return OpenAiErrors.Result(exception.IsTransient ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway,
                exception.Summary + ".", "server_error", code: "embedding_server_" + exception.Tag);
        }
        var base64 = body.EncodingFormat == "base64";
        var data = embeddings.Select((e, i) => new EmbeddingItem(i, base64 ? ToBase64(e.Vector) : e.Vector.ToArray())).ToArray();
        var tokens = inputs.Sum(TokenUsage.Estimate);
        return TypedResults.Json(new EmbeddingList(data, body.Model, new EmbeddingUsage(tokens, tokens)), OpenAiJsonContext.Default.EmbeddingList);
    }

    private static (string[]? Inputs, string? Error) ReadInputs(JsonElement input, OpenAiOptions limits)
    {
        string[] inputs;
        if (!JsonText.IsValidUtf8(input))
            return (null, "input is not valid UTF-8 text.");
        if (input.ValueKind == JsonValueKind.String)
            inputs = [input.GetString()!];
        else if (input.ValueKind == JsonValueKind.Array && input.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String))
            inputs = input.EnumerateArray().Select(i => i.GetString()!).ToArray();
        else
            return (null, "input must be a string or an array of strings (token arrays are not supported).");
        if (inputs.Length == 0)
            return (null, "input must hold at least one string.");
        if (inputs.Length > limits.MaxEmbeddingInputs)
            return (null, $"input holds {inputs.Length} strings; the limit is {limits.MaxEmbeddingInputs} per request.");
        for (var i = 0; i < inputs.Length; i++)
        {
            if (inputs[i].Length == 0)
                return (null, $"input[{i}] is empty.");
            if (inputs[i].Length > limits.MaxEmbeddingInputChars)
                return (null, $"input[{i}] is {inputs[i].Length} characters; the limit is {limits.MaxEmbeddingInputChars}.");
        }
        return (inputs, null);
    }

    /// <summary>OpenAI's base64 format: the float32 values' little-endian bytes.</summary>
    private static string ToBase64(ReadOnlyMemory<float> vector)
    {
        var bytes = MemoryMarshal.AsBytes(vector.Span);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("base64 embeddings are written on little-endian machines only.");
        }
        return Convert.ToBase64String(bytes);
    }
}

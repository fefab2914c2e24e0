using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TacticalRag.ModelServerSim;

/// <summary>JSON settings per protocol: all use snake_case; vLLM (pydantic) writes nulls, Ollama (Go omitempty) and TEI leave them out.</summary>
internal static class SimJson
{
    public static JsonSerializerOptions Vllm { get; } = Create(JsonIgnoreCondition.Never);

    public static JsonSerializerOptions Ollama { get; } = Create(JsonIgnoreCondition.WhenWritingNull);

    /// <summary>text-embeddings-inference (Rust, serde): snake_case, optional fields left out when absent.</summary>
    public static JsonSerializerOptions Tei { get; } = Create(JsonIgnoreCondition.WhenWritingNull);

    /// <summary>Reads a request body; a body that does not parse gives the parser's message instead.</summary>
    public static async Task<(T? Value, string Error)> ReadRequestAsync<T>(HttpContext context, JsonSerializerOptions options)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, options, context.RequestAborted);
            return value is null ? (null, "The request body is empty.") : (value, "");
        }
        catch (JsonException ex)
        {
            return (null, $"The request body is not valid JSON: {ex.Message}");
        }
    }

    private static JsonSerializerOptions Create(JsonIgnoreCondition ignore)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = ignore,
            // Backticks and quotes in error messages go out as written, as the real servers send them.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

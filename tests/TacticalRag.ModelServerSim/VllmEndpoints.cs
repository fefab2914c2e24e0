using System.Text.Json;

namespace TacticalRag.ModelServerSim;

/// <summary>vLLM's OpenAI-compatible server: health, version, model listing, and the generation routes.</summary>
internal static class VllmEndpoints
{
    public const string Version = "0.11.0";

    /// <summary>vLLM reports the time it started serving as each model's <c>created</c>.</summary>
    private static readonly long StartedUnixSeconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static void MapVllm(this IEndpointRouteBuilder app, SimulatorState state)
    {
        app.MapGet("/health", context => HealthAsync(context, state));
        app.MapGet("/version", context => context.Response.WriteAsJsonAsync(new VllmVersion(Version), SimJson.Vllm));
        app.MapGet("/v1/models", context => ModelsAsync(context, state));
        app.MapGet("/metrics", context => MetricsAsync(context, state));
        app.MapPost("/v1/chat/completions", context => VllmGeneration.ChatAsync(context, state));
        app.MapPost("/v1/completions", context => VllmGeneration.CompletionAsync(context, state));
        app.MapPost("/v1/embeddings", context => VllmGeneration.EmbeddingsAsync(context, state));
    }

    /// <summary>200 with an empty body while the engine runs; 503 when it has died (our <see cref="SimFault.ServerError"/>).</summary>
    private static Task HealthAsync(HttpContext context, SimulatorState state)
    {
        context.Response.StatusCode = state.Fault == SimFault.ServerError
            ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status200OK;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    /// <summary>A few of vLLM's Prometheus gauges, enough for a scraper to find the format it expects.</summary>
    private static Task MetricsAsync(HttpContext context, SimulatorState state)
    {
        var model = state.Options.VllmModel;
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        return context.Response.WriteAsync(
            "# HELP vllm:num_requests_running Number of requests currently running on GPU.\n" +
            "# TYPE vllm:num_requests_running gauge\n" +
            $"vllm:num_requests_running{{model_name=\"{model}\"}} 0.0\n" +
            "# HELP vllm:num_requests_waiting Number of requests waiting to be processed.\n" +
            "# TYPE vllm:num_requests_waiting gauge\n" +
            $"vllm:num_requests_waiting{{model_name=\"{model}\"}} 0.0\n");
    }

    private static async Task ModelsAsync(HttpContext context, SimulatorState state)
    {
        if (state.Fault == SimFault.ServerError)
        {
            await VllmErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, "Simulated internal server error.");
            return;
        }

        IReadOnlyList<VllmModelCard> served = state.ServesVllmModel(null)
            ? [new VllmModelCard(state.Options.VllmModel, StartedUnixSeconds, state.Options.VllmModel, MaxModelLen: 8192)]
            : [];
        await JsonAnswer.WriteProbeAsync(context, state, JsonSerializer.SerializeToUtf8Bytes(new VllmModelList(served), SimJson.Vllm));
    }
}

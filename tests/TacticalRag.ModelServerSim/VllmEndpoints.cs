using System.Text.Json;

namespace TacticalRag.ModelServerSim;

/// <summary>vLLM's OpenAI-compatible server: health, model listing and chat completions: the routes the API calls.</summary>
internal static class VllmEndpoints
{

    /// <summary>vLLM reports the time it started serving as each model's <c>created</c>.</summary>
    private static readonly long StartedUnixSeconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static void MapVllm(this IEndpointRouteBuilder app, SimulatorState state)
    {
        app.MapGet("/health", context => HealthAsync(context, state));
        app.MapGet("/v1/models", context => ModelsAsync(context, state));
        app.MapPost("/v1/chat/completions", context => VllmGeneration.ChatAsync(context, state));
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

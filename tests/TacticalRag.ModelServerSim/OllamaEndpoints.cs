using System.Text.Json;

namespace TacticalRag.ModelServerSim;

/// <summary>Ollama's server: liveness, the model inventory, chat and pull: the routes the API and the AppHost call.</summary>
internal static class OllamaEndpoints
{
    private const string RunningText = "Ollama is running";

    public static void MapOllama(this IEndpointRouteBuilder app, SimulatorState state)
    {
        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], RootAsync);
        app.MapGet("/api/tags", context => TagsAsync(context, state));
        app.MapPost("/api/chat", context => OllamaGeneration.ChatAsync(context, state));
        app.MapPost("/api/pull", context => OllamaPull.PullAsync(context, state));
    }

    private static Task RootAsync(HttpContext context)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.ContentLength = RunningText.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync(RunningText);
    }

    private static async Task TagsAsync(HttpContext context, SimulatorState state)
    {
        if (state.Fault == SimFault.ServerError)
        {
            await OllamaErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, "Simulated internal server error.");
            return;
        }

        IReadOnlyList<OllamaModelEntry> models = state.Fault == SimFault.ModelMissing
            ? []
            : state.PulledOllamaModels.OrderBy(m => m.Key).Select(m => OllamaNames.Entry(m.Key, m.Value)).ToList();
        await JsonAnswer.WriteProbeAsync(context, state, JsonSerializer.SerializeToUtf8Bytes(new OllamaTagList(models), SimJson.Ollama));
    }
}

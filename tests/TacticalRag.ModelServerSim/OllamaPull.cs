namespace TacticalRag.ModelServerSim;

/// <summary><c>/api/pull</c>: the progress lines Ollama streams while it downloads a model; afterwards the model is listed.</summary>
internal static class OllamaPull
{
    private const int ProgressLines = 5;

    public static async Task PullAsync(HttpContext context, SimulatorState state)
    {
        var (request, error) = await SimJson.ReadRequestAsync<OllamaModelRequest>(context, SimJson.Ollama);
        var model = request?.Model ?? request?.Name;
        if (string.IsNullOrEmpty(model))
        {
            await OllamaErrors.WriteAsync(context, StatusCodes.Status400BadRequest, request is null ? error : "model is required");
            return;
        }

        if (await OllamaErrors.TryWriteFaultAsync(context, state.Fault))
        {
            return;
        }

        var name = OllamaNames.Normalize(model);
        if (request!.Stream == false)
        {
            state.PulledOllamaModels[name] = DateTimeOffset.UtcNow;
            await context.Response.WriteAsJsonAsync(new OllamaPullProgress("success"), SimJson.Ollama, context.RequestAborted);
            return;
        }

        context.Response.ContentType = NdjsonWriter.ContentType;
        var progress = Progress(name);
        for (var i = 0; i < progress.Count; i++)
        {
            if (i > 0 && !await SimDelay.WaitAsync(context, state.Options.TokenDelay))
            {
                return;
            }

            if (progress[i].Status == "success")
            {
                // Listed before "success" is read, so a client that lists right after the pull finds it.
                state.PulledOllamaModels[name] = DateTimeOffset.UtcNow;
            }

            await NdjsonWriter.WriteLineAsync(context.Response, progress[i], context.RequestAborted);
        }
    }

    private static List<OllamaPullProgress> Progress(string name)
    {
        var hex = OllamaNames.DigestHex(name);
        var total = OllamaNames.ModelSize;
        var lines = new List<OllamaPullProgress> { new("pulling manifest") };
        for (var step = 0; step < ProgressLines; step++)
        {
            lines.Add(new($"pulling {hex[..12]}", "sha256:" + hex, total, total * step / (ProgressLines - 1)));
        }

        lines.Add(new("verifying sha256 digest"));
        lines.Add(new("writing manifest"));
        lines.Add(new("success"));
        return lines;
    }
}

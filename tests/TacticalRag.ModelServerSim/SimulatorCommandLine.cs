using System.Globalization;

namespace TacticalRag.ModelServerSim;

/// <summary>
/// <c>--port 8000 --vllm-model X --ollama-model Y --fault none --api-key K</c>, plus <c>--reranker-model</c>, <c>--embedding-model</c>, <c>--embedding-dimensions</c>, <c>--ollama-model-pulled</c>,
/// <c>--token-delay-ms</c>, <c>--slow-first-token-ms</c>, <c>--stream-cut-after</c> and <c>--flap-interval-ms</c>.
/// </summary>
internal static class SimulatorCommandLine
{
    public static (SimulatorOptions Options, SimFault Fault) Parse(string[] args)
    {
        var options = new SimulatorOptions();
        var fault = SimFault.None;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--port": options.Port = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--vllm-model": options.VllmModel = value; break;
                case "--ollama-model": options.OllamaModel = value; break;
                case "--reranker-model": options.RerankerModel = value; break;
                case "--embedding-model": options.EmbeddingModel = value; break;
                case "--embedding-dimensions": options.EmbeddingDimensions = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--ollama-model-pulled": options.OllamaModelPulled = bool.Parse(value); break;
                case "--api-key": options.ApiKey = value; break;
                case "--token-delay-ms": options.TokenDelay = Milliseconds(value); break;
                case "--slow-first-token-ms": options.SlowFirstTokenDelay = Milliseconds(value); break;
                case "--stream-cut-after": options.StreamCutAfterTokens = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--flap-interval-ms": options.FlapInterval = Milliseconds(value); break;
                case "--fault": fault = Enum.Parse<SimFault>(value, ignoreCase: true); break;
                default: throw new ArgumentException($"Unknown option {name}.");
            }
        }

        return (options, fault);
    }

    private static TimeSpan Milliseconds(string value) =>
        TimeSpan.FromMilliseconds(int.Parse(value, CultureInfo.InvariantCulture));
}

namespace TacticalRag.Bench.Suites.Live;

/// <summary>Something that streams an answer to a prompt: a model server directly, or the product's gateway.</summary>
public interface ILiveTarget : IDisposable
{
    /// <summary>The row's name in the report: vLLM, Ollama or gateway.</summary>
    string Name { get; }

    string Model { get; }

    Task<StreamedAnswer> StreamAsync(string prompt, CancellationToken cancellationToken);
}

using System.Globalization;

namespace TacticalRag.AppHost.Vllm;

/// <summary>
/// vLLM engine settings, bound from configuration section <c>TacticalRag:Vllm</c> so an operator tunes them
/// for a given GPU without editing code.
/// </summary>
public sealed class VllmOptions
{
    public const string SectionName = "TacticalRag:Vllm";

    /// <summary>Share of GPU memory vLLM may take for weights and KV cache.</summary>
    public double GpuMemoryUtilization { get; set; } = 0.90;

    public string DType { get; set; } = "float16";

    public int MaxModelLength { get; set; } = 8192;

    /// <summary>The engine arguments after the model, in the form vLLM's CLI takes them.</summary>
    public IEnumerable<string> ToEngineArguments() =>
    [
        "--gpu-memory-utilization", GpuMemoryUtilization.ToString("0.00", CultureInfo.InvariantCulture),
        "--dtype", DType,
        "--max-model-len", MaxModelLength.ToString(CultureInfo.InvariantCulture),
    ];
}

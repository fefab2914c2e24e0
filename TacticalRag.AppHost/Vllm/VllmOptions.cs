using System.ComponentModel.DataAnnotations;
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
    [Range(0.05, 1.0)]
    public double GpuMemoryUtilization { get; set; } = 0.90;

    /// <summary>vLLM's <c>--dtype</c>.</summary>
    [RegularExpression("auto|half|float16|bfloat16|float|float32", ErrorMessage = "DType must be auto, half, float16, bfloat16, float or float32.")]
    public string DType { get; set; } = "float16";

    /// <summary>vLLM's <c>--max-model-len</c>: the longest prompt plus answer, in tokens.</summary>
    [Range(256, 1_048_576)]
    public int MaxModelLength { get; set; } = 8192;

    /// <summary>The engine arguments after the model, in the form vLLM's CLI takes them.</summary>
    public IEnumerable<string> ToEngineArguments() =>
    [
        "--gpu-memory-utilization", GpuMemoryUtilization.ToString("0.00", CultureInfo.InvariantCulture),
        "--dtype", DType,
        "--max-model-len", MaxModelLength.ToString(CultureInfo.InvariantCulture),
    ];
}

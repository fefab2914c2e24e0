using System.Security.Cryptography;
using System.Text;

namespace TacticalRag.ModelServerSim;

/// <summary>Ollama's model naming and the made-up but stable metadata the simulator reports for a model.</summary>
internal static class OllamaNames
{
    public const long ModelSize = 4_920_753_328;

    /// <summary>Ollama treats <c>llama3.1</c> and <c>llama3.1:latest</c> as the same model.</summary>
    public static string Normalize(string name) => name.Contains(':') ? name : name + ":latest";

    public static string DigestHex(string name) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(name))));

    public static OllamaModelDetails Details { get; } =
        new(ParentModel: "", Format: "gguf", Family: "llama", Families: ["llama"], ParameterSize: "8.0B", QuantizationLevel: "Q4_K_M");

    public static OllamaModelEntry Entry(string name, DateTimeOffset modifiedAt) =>
        new(Name: name, Model: name, ModifiedAt: modifiedAt, Size: ModelSize, Digest: DigestHex(name), Details: Details);
}

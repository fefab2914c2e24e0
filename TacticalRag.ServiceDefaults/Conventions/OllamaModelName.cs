namespace TacticalRag.Conventions;

/// <summary>
/// Ollama reads a model name without a tag as <c>:latest</c>, and lists it that way in <c>/api/tags</c>; comparing
/// names therefore needs the tag written out. Shared by the API's probe and the AppHost's model pull.
/// </summary>
public static class OllamaModelName
{
    public const string DefaultTag = "latest";

    public static string WithDefaultTag(string model) => model.Contains(':') ? model : $"{model}:{DefaultTag}";
}

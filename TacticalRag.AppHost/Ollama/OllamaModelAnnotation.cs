using Aspire.Hosting.ApplicationModel;

namespace TacticalRag.AppHost.Ollama;

/// <summary>The model an Ollama server must hold; the AppHost pulls it once the server is up.</summary>
public sealed record OllamaModelAnnotation(ParameterResource Model) : IResourceAnnotation;

namespace TacticalRag.Api.Llm;

/// <summary>A whole answer read off a backend's wire, and who served it.</summary>
internal sealed record WireAnswer(string Text, LlmServedBy ServedBy);

namespace TacticalRag.Api.Tests.Fuzzing;

public enum FieldKind
{
    Text,
    Integer,
    Number,
}

/// <summary>One field of a JSON request, with a value that is valid for it (raw JSON).</summary>
public sealed record JsonField(string Name, FieldKind Kind, string ValidJson);

/// <summary>A JSON endpoint as the fuzzer sees it: where it is, how big a body it takes, and its fields.</summary>
public sealed record JsonEndpointShape(string Path, int MaxBodyBytes, int MaxTextChars, JsonField Required, IReadOnlyList<JsonField> Optional)
{
    public IEnumerable<JsonField> Fields => Optional.Prepend(Required);

    /// <summary>A body every rule accepts; the fuzzer spoils it one way at a time.</summary>
    public string ValidBody(IReadOnlyDictionary<string, string>? replaced = null, string extra = "") =>
        "{" + string.Join(",", Fields.Where(f => f.ValidJson.Length > 0 || replaced?.ContainsKey(f.Name) == true)
            .Select(f => $"\"{f.Name}\":{(replaced is not null && replaced.TryGetValue(f.Name, out var value) ? value : f.ValidJson)}")) + extra + "}";

    public override string ToString() => Path;

    private const int OneMegabyte = 1024 * 1024;
    private const int QuarterMegabyte = 256 * 1024;

    public static JsonEndpointShape Invoke { get; } = Llm("/api/llm/invoke");
    public static JsonEndpointShape LlmStream { get; } = Llm("/api/llm/stream");
    public static JsonEndpointShape Search { get; } = new("/api/search", QuarterMegabyte, 2000,
        new JsonField("query", FieldKind.Text, "\"What does EMCON 1 mean?\""),
        [new JsonField("topK", FieldKind.Integer, "3")]);
    public static JsonEndpointShape Ask { get; } = Question("/api/ask");
    public static JsonEndpointShape AskStream { get; } = Question("/api/ask/stream");

    public static IReadOnlyList<JsonEndpointShape> All { get; } = [Invoke, LlmStream, Search, Ask, AskStream];

    private static JsonEndpointShape Llm(string path) => new(path, OneMegabyte, 32_000,
        new JsonField("prompt", FieldKind.Text, "\"What does EMCON 1 mean?\""),
        [new JsonField("maxTokens", FieldKind.Integer, "16"), new JsonField("temperature", FieldKind.Number, "0.5")]);

    /// <summary>conversationId has no valid value here (none exists), so the valid body leaves it out.</summary>
    private static JsonEndpointShape Question(string path) => new(path, QuarterMegabyte, 2000,
        new JsonField("question", FieldKind.Text, "\"What does EMCON 1 mean?\""),
        [new JsonField("topK", FieldKind.Integer, "3"), new JsonField("conversationId", FieldKind.Text, "")]);
}

using System.Text.RegularExpressions;

namespace TacticalRag.ArchitectureTests;

/// <summary>
/// Prompting owns every prompt template (which neutralises all outside text by default), and an optional model call
/// goes only through <c>OptionalModelCall</c>: no feature writes a chat message of its own, and only the answer
/// (Answering) and the gateway's relay of a caller's own messages (OpenAi, Llm) call the model directly.
/// </summary>
public sealed partial class PromptOwnershipTests
{
    private static readonly string Api = Path.Combine(RepositoryFiles.Root, "TacticalRag.Api");

    [Fact]
    public void OnlyPromptingWritesChatMessages()
    {
        Assert.Empty(Offenders(WritesAMessage(), allowed: ["Prompting", "Llm"]));
    }

    [Fact]
    public void OnlyTheAnswerAndTheGatewayCallTheModelWithoutOptionalModelCall()
    {
        Assert.Empty(Offenders(CallsTheModel(), allowed: ["Answering", "OpenAi", "Llm"]));
    }

    [Fact]
    public void TheRulesSeeAPlantedViolation()
    {
        Assert.Matches(WritesAMessage(), """new ChatMessage(ChatRole.System, "You rewrite queries")""");
        Assert.Matches(CallsTheModel(), "await chatClient.GetResponseAsync(messages, options, timeout.Token);");
        Assert.DoesNotMatch(CallsTheModel(), "await chatClient.TryGetResponseAsync(messages, options, budget, token);");
    }

    private static List<string> Offenders(Regex rule, string[] allowed) =>
        Directory.EnumerateFiles(Api, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(Api, file).Replace('\\', '/'))
            .Where(file => !file.StartsWith("bin/", StringComparison.Ordinal) && !file.StartsWith("obj/", StringComparison.Ordinal))
            .Where(file => !allowed.Any(feature => file.StartsWith(feature + "/", StringComparison.Ordinal)))
            .Where(file => rule.IsMatch(File.ReadAllText(Path.Combine(Api, file))))
            .ToList();

    [GeneratedRegex(@"new\s+ChatMessage\s*\(\s*ChatRole\.")]
    private static partial Regex WritesAMessage();

    [GeneratedRegex(@"\.\s*Get(Streaming)?ResponseAsync\s*\(")]
    private static partial Regex CallsTheModel();
}
